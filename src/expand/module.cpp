// Module expand: see include/ugc/expand/.
