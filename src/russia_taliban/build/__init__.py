"""The build, one job per module: plan (jobs and keys), outdir (the folder is the tool's; the lock),
tables (tagged once, cached), execute (papermill on threads), render, manifest, publish (generations
switched in by one rename); pipeline runs them in that order."""
