// Module apply: see include/ugc/apply/.
