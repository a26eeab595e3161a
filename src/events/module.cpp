// Module events: see include/ugc/events/.
