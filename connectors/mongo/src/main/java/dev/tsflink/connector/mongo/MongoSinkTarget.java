package dev.tsflink.connector.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ClusterType;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.ValueFunction;
import dev.tsflink.core.operators.Metrics;
import dev.tsflink.core.sink.Fence;
import dev.tsflink.core.sink.RejectedRecords;
import dev.tsflink.core.sink.SinkTarget;
import dev.tsflink.core.sink.SinkUnavailableException;
import org.apache.flink.types.Row;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Writes a sink's records as documents: {@code _id} from the compiled {@code documentId} function,
 * the record's fields as the rest, upserted in unordered bulk writes of {@code batchSize}, replacing
 * the document or {@code $set}ting its fields. The fence is a document {@code {_id: "<sink>/<subtask>",
 * run, checkpoint}} in {@value #PROGRESS}.
 *
 * <p>Where the server has transactions (a replica set or a sharded cluster, seen in its
 * handshake) the check of the fence, the writes and the fence's advance are one
 * transaction. Elsewhere (a standalone server, the local stack's wire server) the fence is read
 * first and written after the batch: a failure in between applies the batch again on the retry,
 * which upserts of the same documents make harmless.
 *
 * <p>Within a batch only the last record of each {@code _id} is written, so unordered writes cannot
 * reorder two versions of one document. A document the server refuses for what it is (a duplicate
 * on another unique index, validation, size) is rejected; the rest commit.
 */
final class MongoSinkTarget implements SinkTarget {

    static final String PROGRESS = "tsflink_sink_progress";
    private static final String DEFAULT_DATABASE = "tsflink";
    /** Server errors that belong to the document: duplicate key, validation, too large, bad values and names. */
    private static final Set<Integer> DOCUMENT_ERRORS = Set.of(2, 14, 17, 28, 52, 55, 56, 57, 121, 10334, 11000, 17280, 17419);

    private final String uri;
    private final MongoSinkSpec spec;
    private final int batchSize;
    private final String applicationName;

    private ValueFunction documentId;
    private MongoClient client;
    private MongoCollection<BsonDocument> collection;
    private MongoCollection<BsonDocument> progress;
    private boolean transactions;

    MongoSinkTarget(String uri, MongoSinkSpec spec, int batchSize, String applicationName) {
        this.uri = uri;
        this.spec = spec;
        this.batchSize = batchSize;
        this.applicationName = applicationName;
    }

    /** A record's write, or why it has none. */
    private record Upsert(Row record, BsonValue id, WriteModel<BsonDocument> model) {}

    @Override
    public boolean commit(Fence fence, List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        try {
            connect();
            List<Upsert> upserts = upserts(rows, rejected);
            return transactions ? commitInTransaction(fence, upserts, rejected) : commitFenced(fence, upserts, rejected);
        } catch (MongoException e) {
            throw failure(e);
        }
    }

    @Override
    public void write(List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        try {
            connect();
            writeAll(null, upserts(rows, rejected), rejected);
            rejected.flush();
        } catch (MongoException e) {
            throw failure(e);
        }
    }

    private boolean commitFenced(Fence fence, List<Upsert> upserts, RejectedRecords rejected) throws SinkUnavailableException {
        BsonDocument stored = progress.find(Filters.eq("_id", fence.key())).first();
        if (stored != null && fence.appliedGiven(run(stored), stored.getInt64("checkpoint", new BsonInt64(0)).getValue())) {
            return false;
        }
        writeAll(null, upserts, rejected);
        rejected.flush();
        progress.replaceOne(Filters.eq("_id", fence.key()), fenceDocument(fence), new ReplaceOptions().upsert(true));
        return true;
    }

    private boolean commitInTransaction(Fence fence, List<Upsert> upserts, RejectedRecords rejected) throws SinkUnavailableException {
        List<Upsert> remaining = new ArrayList<>(upserts);
        while (true) {
            try (ClientSession session = client.startSession()) {
                session.startTransaction(TransactionOptions.builder()
                        .readConcern(ReadConcern.SNAPSHOT).writeConcern(WriteConcern.MAJORITY).build());
                BsonDocument stored = progress.find(session, Filters.eq("_id", fence.key())).first();
                if (stored != null && fence.appliedGiven(run(stored), stored.getInt64("checkpoint", new BsonInt64(0)).getValue())) {
                    session.abortTransaction();
                    return false;
                }
                writeAll(session, remaining, null);
                progress.replaceOne(session, Filters.eq("_id", fence.key()), fenceDocument(fence), new ReplaceOptions().upsert(true));
                rejected.flush();
                session.commitTransaction();
                return true;
            } catch (RefusedInTransaction e) {
                // The server aborted the transaction: leave the refused document out and start again.
                remaining.remove(e.upsert);
                rejected.reject(e.upsert.record(), e.reason);
            }
        }
    }

    /** A document refused inside a transaction, which the server then aborted. */
    private static final class RefusedInTransaction extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Upsert upsert;
        final String reason;

        RefusedInTransaction(Upsert upsert, String reason) {
            super(reason, null, false, false);
            this.upsert = upsert;
            this.reason = reason;
        }
    }

    /**
     * Bulk-writes {@code upserts} in batches. Outside a transaction refused documents go to
     * {@code rejected} and the rest are written; inside one the first refusal is thrown.
     */
    private void writeAll(ClientSession session, List<Upsert> upserts, RejectedRecords rejected) {
        for (int from = 0; from < upserts.size(); from += batchSize) {
            List<Upsert> batch = upserts.subList(from, Math.min(upserts.size(), from + batchSize));
            List<WriteModel<BsonDocument>> models = batch.stream().map(Upsert::model).toList();
            try {
                if (session == null) {
                    collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
                } else {
                    collection.bulkWrite(session, models, new BulkWriteOptions().ordered(true));
                }
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (!DOCUMENT_ERRORS.contains(error.getCode())) {
                        throw e;
                    }
                    Upsert upsert = batch.get(error.getIndex());
                    String reason = "MongoDB " + error.getCode() + ": " + error.getMessage();
                    if (session != null) {
                        throw new RefusedInTransaction(upsert, reason);
                    }
                    rejected.reject(upsert.record(), reason);
                }
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
            }
        }
    }

    /** The write of each record (the last one per {@code _id}); records without an {@code _id} are rejected. */
    private List<Upsert> upserts(List<Row> rows, RejectedRecords rejected) {
        Map<BsonValue, Upsert> byId = new LinkedHashMap<>();
        for (Row row : rows) {
            Object id;
            try {
                id = documentId.apply(row);
            } catch (RuntimeException e) {
                rejected.reject(row, "the id function failed: " + Metrics.describe(e));
                continue;
            }
            if (id == null) {
                rejected.reject(row, "the id function returned null");
                continue;
            }
            BsonValue bsonId = BsonValues.value(spec.idType(), id);
            BsonDocument fields = BsonValues.document(spec.inputType(), row);
            WriteModel<BsonDocument> model;
            if (spec.merge()) {
                fields.remove("_id");
                model = new UpdateOneModel<>(Filters.eq("_id", bsonId), new BsonDocument("$set", fields), new UpdateOptions().upsert(true));
            } else {
                BsonDocument doc = new BsonDocument("_id", bsonId);
                fields.forEach((k, v) -> {
                    if (!k.equals("_id")) {
                        doc.append(k, v);
                    }
                });
                model = new ReplaceOneModel<>(Filters.eq("_id", bsonId), doc, new ReplaceOptions().upsert(true));
            }
            byId.remove(bsonId);
            byId.put(bsonId, new Upsert(row, bsonId, model));
        }
        return new ArrayList<>(byId.values());
    }

    private static String run(BsonDocument stored) {
        BsonValue run = stored.get("run");
        return run != null && run.isString() ? run.asString().getValue() : "";
    }

    private static BsonDocument fenceDocument(Fence fence) {
        return new BsonDocument("_id", new BsonString(fence.key()))
                .append("run", new BsonString(fence.run()))
                .append("checkpoint", new BsonInt64(fence.checkpoint()));
    }

    private void connect() {
        if (documentId == null) {
            documentId = FunctionCompiler.compile(spec.documentId(), ValueFunction.class, getClass().getClassLoader());
        }
        if (client != null) {
            return;
        }
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applicationName(applicationName)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS))
                .build();
        MongoClient c = MongoClients.create(settings);
        try {
            String database = connection.getDatabase() == null ? DEFAULT_DATABASE : connection.getDatabase();
            // A first round trip makes the driver describe the deployment from the server's handshake.
            c.getDatabase(database).runCommand(new Document("ping", 1));
            ClusterDescription cluster = c.getClusterDescription();
            // Transactions need sessions and a replica set or a sharded cluster (mongos).
            transactions = cluster.getLogicalSessionTimeoutMinutes() != null
                    && (cluster.getType() == ClusterType.REPLICA_SET || cluster.getType() == ClusterType.SHARDED);
            collection = c.getDatabase(database).getCollection(spec.collection(), BsonDocument.class);
            progress = c.getDatabase(database).getCollection(PROGRESS, BsonDocument.class);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        client = c;
    }

    /** Whether the server this target talks to runs commits as transactions (known once connected). */
    boolean usesTransactions() {
        return transactions;
    }

    private SinkUnavailableException failure(MongoException e) {
        boolean unavailable = e instanceof MongoSocketException || e instanceof MongoTimeoutException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoExecutionTimeoutException
                || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || e.hasErrorLabel(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL)
                || e instanceof MongoCommandException c && (c.getErrorCode() == 91 || c.getErrorCode() == 189 || c.getErrorCode() == 11600);
        String message = "MongoDB " + spec.collection() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (!unavailable) {
            throw new IllegalStateException(message, e);
        }
        close();
        return new SinkUnavailableException(message, e);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
