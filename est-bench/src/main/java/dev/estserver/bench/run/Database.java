package dev.estserver.bench.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The local PostgreSQL of {@code make db}: role est/est, one database for the benchmark. */
final class Database {

    static final String USER = "est";
    static final String PASSWORD = "est";

    private final String name;

    Database(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:5432/" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** The server's version, e.g. {@code 15.14}; also proves the database is there before anything else starts. */
    String serverVersion() {
        try (Connection db = connect(); Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("show server_version")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new BenchFailure("cannot connect to database " + name + " at " + jdbcUrl() + " as " + USER + ": "
                    + e.getMessage() + " (make db creates it)");
        }
    }
}
