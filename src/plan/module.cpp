// Module plan: see include/ugc/plan/.
