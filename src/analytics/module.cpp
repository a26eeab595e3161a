// Module analytics: see include/ugc/analytics/.
