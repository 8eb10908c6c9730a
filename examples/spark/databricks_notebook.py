# Databricks notebook source
# MAGIC %md
# MAGIC # Anonymize chat transcripts with chat-anonymizer
# MAGIC
# MAGIC Reads raw chat messages, anonymizes them with the team's policy (keyed HMAC pseudonyms, masks, Fernet
# MAGIC encryption, placeholders) and writes the same date-partitioned Parquet dataset `anonymizer run` and
# MAGIC `anonymizer job` write. Import this file into a workspace (File > Import, "Source" format).
# MAGIC
# MAGIC **Cluster set-up, once:**
# MAGIC - Library: `chat-anonymizer` (PyPI or a wheel in a volume), *without* the `[spark]` extra: the runtime
# MAGIC   brings its own PySpark. Access mode "Dedicated" (single user): the code runs in Python workers.
# MAGIC - Keys: store them as secrets (`databricks secrets put-secret chat-anonymizer hash_key`, and
# MAGIC   `encryption_keys`), then under Advanced options > Spark > Environment variables:
# MAGIC   `ANONYMIZER_HASH_KEY={{secrets/chat-anonymizer/hash_key}}` and
# MAGIC   `ANONYMIZER_ENCRYPTION_KEYS={{secrets/chat-anonymizer/encryption_keys}}`. The driver and every
# MAGIC   executor get them in their environment; Databricks redacts them in the UI and logs; they never
# MAGIC   appear in the notebook, the Spark plan or the output.

# COMMAND ----------

from pipelines.spark import anonymize_spark, quarantined_rows, write_dataset

POLICY = "/Volumes/main/chat/config/policy.yaml"
EXPORTS = "/Volumes/main/chat/exports/"
OUT = "/Volumes/main/chat/anonymized"  # a path the driver and the executors see (a volume, or /dbfs/...)

# COMMAND ----------

# MAGIC %md
# MAGIC Read the raw messages with an explicit schema (or `spark.table("main.chat.raw_messages")`). Column
# MAGIC names are the canonical ones plus the policy's fields; rename others with `withColumnRenamed`.

# COMMAND ----------

SCHEMA = (
    "conversation_id string, message_id string, turn long, speaker string, timestamp timestamp, text string, "
    "user_id string, user_name string, user_email string, user_phone string, ip_address string, channel string"
)
messages = spark.read.schema(SCHEMA).json(EXPORTS)  # noqa: F821 - `spark` is the notebook's session

# COMMAND ----------

# Each conversation reaches one task whole; keys are loaded by each Python worker from its environment.
anonymized = anonymize_spark(messages, POLICY, keys_source="env")
report = write_dataset(anonymized, OUT)
print("\n".join(report.summary_lines()))

# COMMAND ----------

# MAGIC %md
# MAGIC The dataset reads as one table (folders starting with `_` hold no data). Quarantined records keep
# MAGIC only their location, reason and, with an encryption key, the encrypted raw record.

# COMMAND ----------

display(spark.read.parquet(OUT).groupBy("date").count().orderBy("date"))  # noqa: F821

# COMMAND ----------

# To look at rejected records before writing (the result is lazy: cache it to anonymize only once).
display(quarantined_rows(anonymized).groupBy("reason").count())  # noqa: F821
