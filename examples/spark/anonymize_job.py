"""spark-submit job: anonymize chat exports into the date-partitioned Parquet dataset, on any Spark cluster.

    spark-submit --master yarn --deploy-mode client \
        examples/spark/anonymize_job.py /mnt/exports --out /mnt/anonymized \
        --policy /etc/chat-anonymizer/policy.yaml --key-source file:/etc/chat-anonymizer/keys.env

Every node needs `pip install chat-anonymizer` (the same version as the driver; with the spaCy model) and must
see the input and output paths (a shared or mounted file system). Keys are never given to Spark: the key
source names where each Python worker loads them (a mode-600 key file on every node, the executors'
environment, or Vault); see "Spark" in the README. `anonymizer run --engine spark` does the same from the
command line. Exit codes as for `anonymizer run`: 0 ok, 1 some inputs failed, 2 nothing could run.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Anonymize chat exports with Spark.")
    parser.add_argument("inputs", nargs="+", help="Input files, folders or globs (as `anonymizer run`).")
    parser.add_argument("--out", required=True, help="Dataset folder every node can write.")
    parser.add_argument("--policy", required=True, help="Policy YAML.")
    parser.add_argument("--key-source", default="env", help="env, file:PATH, vault:MOUNT/PATH or azure:URL.")
    parser.add_argument("--partitions", type=int, help="Anonymize tasks (default: the cluster's cores).")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    from pipelines.spark import SparkRunError, run_files

    # spark-submit has configured master, executors and resources; this attaches to them.
    spark = SparkSession.builder.appName("chat-anonymizer").getOrCreate()
    try:
        report = run_files(args.inputs, args.out, args.policy, args.key_source, spark=spark,
                           partitions=args.partitions)
    except SparkRunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in report.summary_lines():
        print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
