// Module api: see include/ugc/api/.
