// Module sim: see include/ugc/sim/.
