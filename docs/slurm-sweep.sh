#!/usr/bin/env bash
# A dcn-report sweep as a Slurm array job: one array task per missing run.
#
#   dcn-report sweep --lambda 0.25,1,4 --seed 1,2,3 --out sweeps/lambda --plan > sweeps/lambda.jobs
#   sbatch --array=1-$(wc -l < sweeps/lambda.jobs) docs/slurm-sweep.sh sweeps/lambda.jobs
#   # when the array has finished (resubmit the same two commands for runs that failed or were preempted):
#   dcn-report compare sweeps/lambda --out sweeps/lambda/report
#
# Each line of the job file is one complete `dcn-report train …` command that pretrains itself, so
# tasks may run in any order on any node. Runs are deterministic: a task that is preempted and rerun
# records the same run.
#SBATCH --job-name=dcn-sweep
#SBATCH --cpus-per-task=2
#SBATCH --mem=8G
#SBATCH --time=02:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail
jobs_file=${1:?usage: sbatch --array=1-N slurm-sweep.sh JOBS_FILE}
command=$(sed -n "${SLURM_ARRAY_TASK_ID}p" "$jobs_file")
[ -n "$command" ] || { echo "no line ${SLURM_ARRAY_TASK_ID} in $jobs_file" >&2; exit 1; }
# OpenBLAS uses the cores Slurm gave this task, no more.
export OPENBLAS_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}
eval "$command"
