package dev.tsflink.core.connector;

import dev.tsflink.core.codec.DecodeException;
import dev.tsflink.core.codec.RowDecoder;
import dev.tsflink.core.codec.RowFormats;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.types.RowTypes;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

import java.io.Serializable;

/**
 * Turns one source record into either its decoded row or a dead letter with the reason. Sources
 * decode inside their reader (not in a later operator), so event-time watermarks are generated per
 * partition from decoded rows; the dead letters travel in the same stream until the router splits
 * them off. Holds decoder buffers: one instance per source reader.
 */
public final class SourceRecordDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String nodeId;
    private final RowDecoder decoder;
    private final int eventTimeField;
    private final String eventTimeFieldName;
    private final TypeInformation<Either<Row, DeadLetter>> producedType;

    public SourceRecordDecoder(KafkaSourceNode node) {
        this.nodeId = node.id();
        this.decoder = RowFormats.decoder(node.format(), node.outputType());
        this.eventTimeFieldName = node.eventTime() == null ? null : node.eventTime().field();
        this.eventTimeField = eventTimeFieldName == null ? -1 : node.outputType().indexOf(eventTimeFieldName);
        this.producedType = new EitherTypeInfo<>(RowTypes.rowTypeInfo(node.outputType()), TypeInformation.of(DeadLetter.class));
    }

    public Either<Row, DeadLetter> decode(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        if (value == null) {
            return dead(topic, partition, offset, timestamp, key, null, "the value is null (a tombstone)");
        }
        Row row;
        try {
            row = decoder.decode(value);
        } catch (DecodeException e) {
            return dead(topic, partition, offset, timestamp, key, value, e.getMessage());
        }
        if (eventTimeField >= 0 && row.getField(eventTimeField) == null) {
            return dead(topic, partition, offset, timestamp, key, value,
                    "event-time field '" + eventTimeFieldName + "' is null");
        }
        return Either.Left(row);
    }

    private Either<Row, DeadLetter> dead(
            String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, String reason) {
        return Either.Right(new DeadLetter(topic, partition, offset, timestamp, key, value, reason, nodeId));
    }

    /** Position of the event-time field in the row, or -1 when the source has no event time. */
    public int eventTimeField() {
        return eventTimeField;
    }

    public TypeInformation<Either<Row, DeadLetter>> producedType() {
        return producedType;
    }
}
