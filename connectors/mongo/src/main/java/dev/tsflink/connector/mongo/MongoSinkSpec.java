package dev.tsflink.connector.mongo;

import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.graph.MongoSinkNode;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.RecordType;

import java.io.Serializable;

/**
 * What a {@code mongo-sink}'s connection needs besides the URI: the collection, the input type, the
 * generated {@code _id} function with its return type, and replace or merge.
 */
record MongoSinkSpec(String collection, RecordType inputType, GeneratedFunction documentId, DataType idType, boolean merge)
        implements Serializable {

    static MongoSinkSpec of(MongoSinkNode node) {
        return new MongoSinkSpec(node.collection(), node.sink().inputType(),
                node.documentId().code(), node.documentId().returnType(),
                node.write() == MongoSinkNode.Write.MERGE);
    }
}
