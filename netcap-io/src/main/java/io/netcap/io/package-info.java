/**
 * The audit record container: {@link io.netcap.io.RecordWriter} writes one {@code .ncap[.gz]} file
 * per record type (header record, then varint-framed protobuf records), {@link io.netcap.io.RecordReader}
 * reads it back, reporting a cut-short end as a {@link io.netcap.io.Truncation} and any other damage
 * as a {@link io.netcap.io.CorruptRecordException} with the offset.
 */
package io.netcap.io;
