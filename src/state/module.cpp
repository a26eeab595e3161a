// Module state: see include/ugc/state/.
