package io.semrec.worker;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/** The {@code worker} table: one row per job slot, refreshed by its heartbeat, so operators see who is alive. */
@ApplicationScoped
public class WorkerRegistry {

    /** Rows of workers silent this long are deleted; a crashed worker leaves its row behind. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    /** A slot as its row shows it. */
    public record SlotState(String id, String host, int slot, Long currentJobId) {
    }

    private final DataSource dataSource;

    WorkerRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts or refreshes the slots' rows (a row deleted meanwhile comes back). */
    public void heartbeat(List<SlotState> slots) {
        run("""
                INSERT INTO worker (id, host, slot, current_job_id)
                VALUES (?, ?, ?, (SELECT id FROM training_job WHERE id = ?))
                ON CONFLICT (id) DO UPDATE SET last_heartbeat = now(), current_job_id = EXCLUDED.current_job_id
                """, statement -> {
            for (SlotState slot : slots) {
                statement.setString(1, slot.id());
                statement.setString(2, slot.host());
                statement.setInt(3, slot.slot());
                statement.setObject(4, slot.currentJobId());
                statement.addBatch();
            }
            statement.executeBatch();
        });
    }

    /** Deletes the slots' rows when the worker stops. */
    public void remove(List<String> slotIds) {
        run("DELETE FROM worker WHERE id = ANY (?)", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", slotIds.toArray()));
            statement.executeUpdate();
        });
    }

    /** Deletes rows of workers silent for {@link #FORGET_AFTER}. */
    void forgetSilent() {
        run("DELETE FROM worker WHERE last_heartbeat < now() - make_interval(secs => ?)", statement -> {
            statement.setDouble(1, FORGET_AFTER.toSeconds());
            statement.executeUpdate();
        });
    }

    private void run(String sql, StatementWork work) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("worker table: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface StatementWork {
        void run(PreparedStatement statement) throws SQLException;
    }
}
