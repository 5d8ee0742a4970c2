package dev.tsflink.core.graph;

import java.util.List;

/**
 * A {@code mongo-sink}: one document per input record in {@code collection} of the connection's
 * database, its {@code _id} computed by {@code documentId}. {@code REPLACE} writes the whole
 * document, {@code MERGE} sets the record's fields ({@code $set}) and keeps the others.
 */
public record MongoSinkNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        DatabaseSinkSpec sink,
        String collection,
        SinkFunction documentId,
        Write write)
        implements Node.DatabaseSinkNode {

    public enum Write {
        REPLACE,
        MERGE
    }
}
