package io.semrec.artifact;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A {@code model_artifact} row: the bytes themselves, or the location of the file holding them.
 *
 * @param bytes null when the artifact lives in a file
 * @param location the file, relative to the artifacts folder; null when inline
 */
record ArtifactRow(byte[] bytes, String location, String sha256) {

    static void insert(Connection connection, long catalogId, long modelId, String name, byte[] bytes,
            String location, long size, String sha256) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO model_artifact "
                + "(catalog_id, model_id, name, bytes, location, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, catalogId);
            insert.setLong(2, modelId);
            insert.setString(3, name);
            insert.setBytes(4, bytes);
            insert.setString(5, location);
            insert.setLong(6, size);
            insert.setString(7, sha256);
            insert.executeUpdate();
        }
    }

    static Optional<ArtifactRow> find(Connection connection, long modelId, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT bytes, location, sha256 FROM model_artifact WHERE model_id = ? AND name = ?")) {
            select.setLong(1, modelId);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new ArtifactRow(row.getBytes(1), row.getString(2), row.getString(3)))
                        : Optional.empty();
            }
        }
    }

    static List<String> names(Connection connection, long modelId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name FROM model_artifact WHERE model_id = ? ORDER BY name")) {
            select.setLong(1, modelId);
            try (ResultSet rows = select.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code bytes} if they are what was recorded, else an exception naming the artifact. */
    byte[] verified(byte[] content, long modelId, String name) throws IOException {
        if (!sha256(content).equals(sha256)) {
            throw new IOException("artifact " + name + " of model " + modelId + " does not match its SHA-256");
        }
        return content;
    }
}
