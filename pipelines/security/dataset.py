"""Walking an output dataset and rewriting its Parquet files in place, atomically, keeping their metadata."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.write import atomic_output

STRING_TYPES = (pa.string(), pa.large_string())


def dataset_files(root: str | Path, suffix: str = ".parquet") -> list[Path]:
    """`root` itself if it is a file, else every `*suffix` file below it (partition folders included),
    sorted; temporary files of an unfinished write (`.name.tmp`, hidden) are not part of the dataset."""
    path = Path(root)
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob(f"*{suffix}") if p.is_file() and not p.name.startswith("."))


def string_columns(schema: pa.Schema) -> list[str]:
    return [f.name for f in schema if f.type in STRING_TYPES]


def statistics_columns(meta: pq.FileMetaData) -> set[str]:
    """Top-level columns that carry min/max statistics in any row group."""
    found: set[str] = set()
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        for c in range(rg.num_columns):
            chunk = rg.column(c)
            if chunk.is_stats_set and chunk.statistics is not None and chunk.statistics.has_min_max:
                found.add(chunk.path_in_schema.split(".", 1)[0])
    return found


def iter_string_values(pf: pq.ParquetFile, columns: list[str]) -> Iterator[tuple[int, str, str]]:
    """(row index in the file, column, value) for every non-null value of `columns`, row group by row group."""
    offset = 0
    for g in range(pf.num_row_groups):
        table = pf.read_row_group(g, columns=columns)
        for name in columns:
            for i, value in enumerate(table.column(name).to_pylist()):
                if value is not None:
                    yield offset + i, name, value
        offset += table.num_rows


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def rewrite_parquet(
    src: Path,
    dest: Path,
    transform: Callable[[str, list[str | None]], list[str | None]],
    columns: list[str],
    *,
    metadata: Mapping[str, str],
    no_statistics: set[str] | frozenset[str] = frozenset(),
    mode: int | None = None,
) -> None:
    """Write `dest` (atomically; may be `src`) as a copy of `src` with `transform(column, values)` applied
    to each of `columns`, row group by row group (memory stays bounded by one row group).

    Schema, row groups and compression are kept; `metadata` is merged into the schema metadata; columns
    get statistics only if they had them in `src` and are not in `no_statistics`.
    """
    pf = pq.ParquetFile(src)
    meta = pf.metadata
    schema = pf.schema_arrow
    schema = schema.with_metadata({**{k.decode(): v.decode() for k, v in (schema.metadata or {}).items()}, **metadata})
    keep_stats = sorted(statistics_columns(meta) - set(no_statistics) - set(columns))
    compression = "zstd"
    if meta.num_row_groups and meta.row_group(0).num_columns:
        compression = meta.row_group(0).column(0).compression.lower()
        if compression == "uncompressed":
            compression = "none"
    with atomic_output(dest, mode) as tmp:
        writer = pq.ParquetWriter(
            tmp, schema, compression=compression, write_statistics=keep_stats or False,
            write_page_index=False, store_schema=True,
        )
        try:
            for g in range(pf.num_row_groups):
                table = pf.read_row_group(g)
                for name in columns:
                    index = table.schema.get_field_index(name)
                    spec = table.schema.field(index)
                    values = transform(name, table.column(name).to_pylist())
                    table = table.set_column(index, spec, pa.array(values, type=spec.type))
                table = table.replace_schema_metadata(schema.metadata)
                writer.write_table(table, row_group_size=max(table.num_rows, 1))
        finally:
            writer.close()
