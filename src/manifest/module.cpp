// Module manifest: see include/ugc/manifest/.
