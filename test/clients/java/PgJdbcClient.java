// pgJDBC 42.5 (extended protocol for everything, binary int parameters from the first run, named
// statement S_n + binary results after prepareThreshold=5, portals with maxRows for setFetchSize)
// through the shared scenarios of test/clients/scenarios.md. One JSON line per scenario.
// Run: java -cp /usr/share/java/postgresql.jar PgJdbcClient.java (CLIENTS_* environment variables).
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.*;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.*;
import java.util.concurrent.*;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

public class PgJdbcClient {
  static final String CLIENT = "pgjdbc";
  static final String HOST = env("CLIENTS_HOST", "127.0.0.1");
  static final String USER = env("CLIENTS_USER", "thanosql");
  static final String DB = env("CLIENTS_DB", "thanosql");
  static final String PASSWORD = env("CLIENTS_PASSWORD", "");
  static final String LONG_QUERY = "SELECT count(*) FROM generate_series(1, 100000000)";
  static final long SCENARIO_TIMEOUT_S = 15;
  static final int CANCEL_AFTER_MS = 500;
  static final int PREPARE_THRESHOLD = 5;

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  interface Scenario { void run() throws Exception; }

  static class Failure extends Exception { Failure(String m) { super(m); } }

  static void check(boolean ok, String message) throws Failure { if (!ok) throw new Failure(message); }

  static void expectEqual(Object got, Object want, String what) throws Failure {
    if (!Objects.equals(got, want)) throw new Failure(what + ": expected " + want + ", got " + got);
  }

  static Connection connect(String portVar, String password) throws Exception {
    String port = env(portVar, "");
    if (port.isEmpty()) throw new Failure(portVar.equals("CLIENTS_MD5_PORT")
        ? "server has no md5 authentication (no --auth-method md5 in src/config)" : portVar + " not set");
    Properties p = new Properties();
    p.setProperty("user", USER);
    if (password != null) p.setProperty("password", password);
    p.setProperty("connectTimeout", "10");
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/" + DB, p);
  }

  static Connection connect() throws Exception { return connect("CLIENTS_PORT", null); }

  static Object one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getObject(1);
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) { s.execute(sql); }
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') b.append('\\').append(ch);
      else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
      else b.append(ch);
    }
    return b.append('"').toString();
  }

  static void emit(String scenario, boolean ok, String error) {
    String line = "{\"client\":" + json(CLIENT) + ",\"scenario\":" + json(scenario) + ",\"ok\":" + ok
        + (error == null ? "" : ",\"error\":" + json(error.length() > 2000 ? error.substring(0, 2000) : error)) + "}";
    System.out.println(line);
    System.out.flush();
  }

  static String describe(Throwable t) {
    if (t instanceof SQLException e && e.getSQLState() != null) return "[" + e.getSQLState() + "] " + e.getMessage();
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  static void runAll(LinkedHashMap<String, Scenario> scenarios) {
    Set<String> only = new HashSet<>(Arrays.asList(env("CLIENTS_ONLY", "").split(",")));
    only.remove("");
    ExecutorService pool = Executors.newCachedThreadPool(r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });
    for (var entry : scenarios.entrySet()) {
      if (!only.isEmpty() && !only.contains(entry.getKey())) continue;
      Future<?> f = pool.submit(() -> { entry.getValue().run(); return null; });
      try {
        f.get(SCENARIO_TIMEOUT_S, TimeUnit.SECONDS);
        emit(entry.getKey(), true, null);
      } catch (TimeoutException e) {
        f.cancel(true);
        emit(entry.getKey(), false, "timed out after " + SCENARIO_TIMEOUT_S + " s");
      } catch (ExecutionException e) {
        emit(entry.getKey(), false, describe(e.getCause()));
      } catch (InterruptedException e) {
        emit(entry.getKey(), false, "interrupted");
      }
    }
    System.exit(0);
  }

  // ---- scenarios ----

  static void connectTrust() throws Exception {
    try (Connection c = connect()) { expectEqual(one(c, "SELECT 1"), 1, "SELECT 1"); }
  }

  static void connectScram() throws Exception {
    try (Connection c = connect("CLIENTS_SCRAM_PORT", PASSWORD)) { expectEqual(one(c, "SELECT 1"), 1, "SELECT 1"); }
  }

  static void connectMd5() throws Exception {
    try (Connection c = connect("CLIENTS_MD5_PORT", PASSWORD)) { expectEqual(one(c, "SELECT 1"), 1, "SELECT 1"); }
  }

  static void authWrongPassword() throws Exception {
    try (Connection c = connect("CLIENTS_SCRAM_PORT", PASSWORD + "-wrong")) {
      throw new Failure("connected with a wrong password");
    } catch (SQLException e) {
      expectEqual(e.getSQLState(), "28P01", "getSQLState()");
    }
  }

  static void versionSchema() throws Exception {
    try (Connection c = connect()) {
      String version = (String) one(c, "SELECT version()");
      check(version.startsWith("PostgreSQL "), "version() = " + version);
      check(c.getMetaData().getDatabaseMajorVersion() >= 10, "major version " + c.getMetaData().getDatabaseMajorVersion());
      expectEqual(c.getSchema(), "public", "Connection.getSchema() (current_schema())");
    }
  }

  static void crudParams() throws Exception {
    try (Connection c = connect()) {
      exec(c, "CREATE TABLE crud (id integer PRIMARY KEY, name text, score double precision)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO crud (id, name, score) VALUES (?, ?, ?)")) {
        Object[][] rows = {{1, "ann", 1.5}, {2, "bob", 2.5}, {3, "cy", null}};
        for (Object[] r : rows) {
          ps.setInt(1, (Integer) r[0]);
          ps.setString(2, (String) r[1]);
          if (r[2] == null) ps.setNull(3, Types.DOUBLE); else ps.setDouble(3, (Double) r[2]);
          expectEqual(ps.executeUpdate(), 1, "INSERT update count");
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT name, score FROM crud WHERE id = ?")) {
        ps.setInt(1, 2);
        try (ResultSet rs = ps.executeQuery()) {
          check(rs.next(), "no row for id 2");
          expectEqual(rs.getString(1) + "/" + rs.getDouble(2), "bob/2.5", "SELECT with a parameter");
          check(!rs.next(), "more than one row");
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE crud SET score = score + ? WHERE id >= ?")) {
        ps.setDouble(1, 1); ps.setInt(2, 2);
        expectEqual(ps.executeUpdate(), 2, "UPDATE update count");
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM crud WHERE name = ?")) {
        ps.setString(1, "ann");
        expectEqual(ps.executeUpdate(), 1, "DELETE update count");
      }
    }
  }

  static void preparedRepeat() throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT ?::integer + 1 AS n, ?::text AS s")) {
      for (int i = 0; i < 7; i++) {
        ps.setInt(1, i); ps.setString(2, "v" + i);
        try (ResultSet rs = ps.executeQuery()) {
          check(rs.next(), "no row on run " + (i + 1));
          expectEqual(rs.getInt(1) + "/" + rs.getString(2), (i + 1) + "/v" + i, "run #" + (i + 1));
        }
      }
      check(ps.unwrap(PGStatement.class).isUseServerPrepare(), "statement not server-prepared after " + PREPARE_THRESHOLD + " runs");
    }
  }

  /** prepared-after-writes: each write, then the count and sum the statement prepared once must return. */
  static final String[][] PAW_STEPS = {
    {"INSERT INTO paw VALUES (1)", "1/1"},
    {"INSERT INTO paw VALUES (2), (3)", "3/6"},
    {"DELETE FROM paw WHERE a = 1", "2/5"},
    {"ALTER TABLE paw ADD COLUMN b integer", "2/5"},
    {"UPDATE paw SET a = a * 10", "2/50"},
  };

  static void preparedAfterWrites() throws Exception {
    try (Connection c = connect(); Statement writes = c.createStatement();
         PreparedStatement ps = c.prepareStatement("SELECT count(*)::integer, sum(a)::integer FROM paw WHERE a > ?")) {
      writes.execute("CREATE TABLE paw (a integer)");
      for (String[] step : PAW_STEPS) {
        writes.execute(step[0]);
        // After the first write, enough runs that pgJDBC switches to its server-prepared statement.
        int runs = step == PAW_STEPS[0] ? PREPARE_THRESHOLD + 1 : 1;
        for (int i = 0; i < runs; i++) {
          ps.setInt(1, 0);
          try (ResultSet rs = ps.executeQuery()) {
            check(rs.next(), "no row after " + step[0]);
            expectEqual(rs.getInt(1) + "/" + rs.getInt(2), step[1], "after " + step[0]);
          }
        }
        check(ps.unwrap(PGStatement.class).isUseServerPrepare(), "statement not server-prepared after " + step[0]);
      }
    }
  }

  static final String RT_TABLE = "CREATE TABLE rt (id integer, i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision,"
      + " num numeric(12,2), b boolean, t text, vc varchar(20), bin bytea, d date, ts timestamp, tstz timestamptz, j json)";
  static final String RT_COLUMNS = "i2, i4, i8, f4, f8, num, b, t, vc, bin, d, ts, tstz, j";
  static final String JSON_VALUE = "{\"a\":[1,2,null],\"b\":\"x\"}";

  static List<Object> expectedRow() {
    return Arrays.asList((short) -32768, 2147483647, 9007199254740993L, 1.5f, 0.1d, new BigDecimal("12345.67"), true,
        "h\u00e9llo\ttab", "abc", "00 01 ff", LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000),
        OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123456000, ZoneOffset.UTC), JSON_VALUE);
  }

  static List<Object> readRow(ResultSet rs) throws SQLException {
    byte[] bin = rs.getBytes(10);
    OffsetDateTime tstz = rs.getObject(13, OffsetDateTime.class);
    return Arrays.asList(
        rs.getObject(1) == null ? null : rs.getShort(1), rs.getObject(2) == null ? null : rs.getInt(2),
        rs.getObject(3) == null ? null : rs.getLong(3), rs.getObject(4) == null ? null : rs.getFloat(4),
        rs.getObject(5) == null ? null : rs.getDouble(5), rs.getBigDecimal(6),
        rs.getObject(7) == null ? null : rs.getBoolean(7), rs.getString(8), rs.getString(9),
        bin == null ? null : String.join(" ", hex(bin)), rs.getObject(11, LocalDate.class),
        rs.getObject(12, LocalDateTime.class), tstz == null ? null : tstz.withOffsetSameInstant(ZoneOffset.UTC), rs.getString(14));
  }

  static List<String> hex(byte[] bytes) {
    List<String> out = new ArrayList<>();
    for (byte b : bytes) out.add(String.format("%02x", b & 0xff));
    return out;
  }

  static void typesRoundtrip() throws Exception {
    try (Connection c = connect()) {
      exec(c, RT_TABLE);
      String insert = "INSERT INTO rt (id, " + RT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json)";
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        ps.setInt(1, 1); ps.setShort(2, (short) -32768); ps.setInt(3, 2147483647); ps.setLong(4, 9007199254740993L);
        ps.setFloat(5, 1.5f); ps.setDouble(6, 0.1); ps.setBigDecimal(7, new BigDecimal("12345.67")); ps.setBoolean(8, true);
        ps.setString(9, "h\u00e9llo\ttab"); ps.setString(10, "abc"); ps.setBytes(11, new byte[] {0, 1, (byte) 0xff});
        ps.setObject(12, LocalDate.of(2024, 2, 29)); ps.setObject(13, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000));
        ps.setObject(14, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123456000, ZoneOffset.UTC)); ps.setString(15, JSON_VALUE);
        ps.executeUpdate();
        ps.setInt(1, 2);
        for (int i = 2; i <= 15; i++) ps.setNull(i, Types.NULL);
        ps.executeUpdate();
      }
      List<String> problems = new ArrayList<>();
      // Runs 6 and 7 use the named statement with binary results (prepareThreshold=5).
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RT_COLUMNS + " FROM rt WHERE id = ?")) {
        for (int run = 1; run <= 7; run++) {
          for (int id = 1; id <= 2; id++) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              check(rs.next(), "no row " + id);
              List<Object> got = readRow(rs);
              List<Object> want = id == 1 ? expectedRow() : Collections.nCopies(14, null);
              for (int i = 0; i < 14; i++) {
                if (!Objects.equals(got.get(i), want.get(i)))
                  problems.add("run " + run + " row " + id + " column " + (i + 1) + ": sent " + want.get(i) + ", got " + got.get(i));
              }
            }
          }
          if (!problems.isEmpty()) break;
        }
      }
      check(problems.isEmpty(), String.join("; ", problems));
    }
  }

  static void typesRealArray() throws Exception {
    try (Connection c = connect()) {
      exec(c, "CREATE TABLE ra (id integer, v real[])");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ra VALUES (?, ?)")) {
        ps.setInt(1, 1); ps.setArray(2, c.createArrayOf("float4", new Float[] {1.5f, -2.25f, 0f})); ps.executeUpdate();
        ps.setInt(1, 2); ps.setNull(2, Types.ARRAY); ps.executeUpdate();
      }
      exec(c, "INSERT INTO ra VALUES (3, '{0.5,NULL}')");
      List<Object> got = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM ra ORDER BY id")) {
        while (rs.next()) {
          Array a = rs.getArray(1);
          got.add(a == null ? null : Arrays.asList((Object[]) a.getArray()));
        }
      }
      expectEqual(got, Arrays.asList(Arrays.asList(1.5f, -2.25f, 0f), null, Arrays.asList(0.5f, null)), "real[] values as Float[]");
    }
  }

  static void txnCommitRollback() throws Exception {
    try (Connection c = connect()) {
      exec(c, "CREATE TABLE tx (id integer)");
      c.setAutoCommit(false);
      exec(c, "INSERT INTO tx VALUES (1)");
      c.rollback();
      exec(c, "INSERT INTO tx VALUES (2)");
      c.commit();
      try { exec(c, "SELECT * FROM no_such_table"); throw new Failure("no error from a missing table"); }
      catch (SQLException e) { expectEqual(e.getSQLState(), "42P01", "error in transaction"); }
      try { exec(c, "SELECT 1"); throw new Failure("statement after an error in a transaction succeeded"); }
      catch (SQLException e) { expectEqual(e.getSQLState(), "25P02", "statement after the error"); }
      c.rollback();
      c.setAutoCommit(true);
      expectEqual(one(c, "SELECT string_agg(id::text, ',') FROM tx"), "2", "rows after rollback/commit");
    }
  }

  static void txnSavepoint() throws Exception {
    try (Connection c = connect()) {
      exec(c, "CREATE TABLE sp (id integer)");
      c.setAutoCommit(false);
      exec(c, "INSERT INTO sp VALUES (1)");
      Savepoint s1 = c.setSavepoint("s1");
      exec(c, "INSERT INTO sp VALUES (2)");
      c.rollback(s1);
      Savepoint s2 = c.setSavepoint();
      exec(c, "INSERT INTO sp VALUES (3)");
      c.releaseSavepoint(s2);
      c.commit();
      c.setAutoCommit(true);
      expectEqual(one(c, "SELECT string_agg(id::text, ',' ORDER BY id) FROM sp"), "1,3", "rows after savepoints");
    }
  }

  static void cursorFetch() throws Exception {
    try (Connection c = connect()) {
      c.setAutoCommit(false); // fetch size is honoured only inside a transaction (portal C_n, Execute maxRows)
      try (Statement s = c.createStatement()) {
        s.setFetchSize(3);
        List<Integer> got = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT g FROM generate_series(1, 10) AS g")) {
          while (rs.next()) got.add(rs.getInt(1));
        }
        List<Integer> want = new ArrayList<>();
        for (int i = 1; i <= 10; i++) want.add(i);
        expectEqual(got, want, "rows read with fetch size 3");
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT g FROM generate_series(1, ?) AS g")) {
        ps.setFetchSize(4); ps.setInt(1, 9);
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) { while (rs.next()) n++; }
        expectEqual(n, 9, "rows read with fetch size 4 (prepared)");
      }
      c.commit();
    }
  }

  static void batch() throws Exception {
    try (Connection c = connect()) {
      exec(c, "CREATE TABLE bt (id integer, name text)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO bt VALUES (?, ?)")) {
        for (int i = 0; i < 20; i++) { ps.setInt(1, i); ps.setString(2, "n" + i); ps.addBatch(); }
        int[] counts = ps.executeBatch();
        expectEqual(counts.length, 20, "executeBatch result length");
        for (int n : counts) check(n == 1 || n == Statement.SUCCESS_NO_INFO, "update counts " + Arrays.toString(counts));
      }
      expectEqual(one(c, "SELECT count(*) FROM bt"), 20L, "rows after executeBatch");
    }
  }

  static void copyIn() throws Exception {
    try (Connection c = connect()) {
      exec(c, "CREATE TABLE cp (id integer, name text)");
      CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
      expectEqual(copy.copyIn("COPY cp (id, name) FROM STDIN", new StringReader("1\tone\n2\t\\N\n")), 2L, "text COPY count");
      expectEqual(copy.copyIn("COPY cp FROM STDIN WITH (FORMAT csv)", new StringReader("3,\"three, 3\"\n4,\n")), 2L, "csv COPY count");
      expectEqual(one(c, "SELECT string_agg(id || ':' || coalesce(name, 'NULL'), '|' ORDER BY id) FROM cp"),
          "1:one|2:NULL|3:three, 3|4:NULL", "rows after COPY FROM");
    }
  }

  static void copyOut() throws Exception {
    try (Connection c = connect()) {
      exec(c, "CREATE TABLE co (id integer, name text)");
      exec(c, "INSERT INTO co VALUES (1, 'a'), (2, NULL)");
      CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
      StringWriter out = new StringWriter();
      expectEqual(copy.copyOut("COPY co TO STDOUT", out), 2L, "COPY TO count");
      expectEqual(out.toString(), "1\ta\n2\t\\N\n", "COPY TO text");
      out = new StringWriter();
      copy.copyOut("COPY (SELECT id, name FROM co ORDER BY id) TO STDOUT WITH (FORMAT csv)", out);
      expectEqual(out.toString(), "1,a\n2,\n", "COPY (query) TO csv");
    }
  }

  static void cancel() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      timer.schedule(() -> { try { s.cancel(); } catch (SQLException e) { /* reported by the query */ } }, CANCEL_AFTER_MS, TimeUnit.MILLISECONDS);
      long started = System.nanoTime();
      try { s.executeQuery(LONG_QUERY); throw new Failure("the long query finished without being cancelled"); }
      catch (SQLException e) { expectEqual(e.getSQLState(), "57014", "Statement.cancel()"); }
      finally { timer.shutdownNow(); }
      check(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "cancel took longer than 10 s");
      s.setQueryTimeout(1);
      try { s.executeQuery(LONG_QUERY); throw new Failure("the long query outlived setQueryTimeout(1)"); }
      catch (SQLException e) { expectEqual(e.getSQLState(), "57014", "setQueryTimeout(1)"); }
      s.setQueryTimeout(0);
      expectEqual(one(c, "SELECT 1"), 1, "connection usable after cancel");
    }
  }

  static void errorsSqlstate() throws Exception {
    try (Connection c = connect()) {
      exec(c, "CREATE TABLE errt (id integer NOT NULL, name text)");
      String[][] cases = {{"SELECT * FROM no_such_table", "42P01"}, {"SELECT no_such_column FROM errt", "42703"},
          {"SELECT 'abc'::integer", "22P02"}, {"INSERT INTO errt (id) VALUES (NULL)", "23502"}};
      List<String> problems = new ArrayList<>();
      for (String[] k : cases) {
        try { exec(c, k[0]); problems.add(k[0] + ": no error"); }
        catch (SQLException e) { if (!k[1].equals(e.getSQLState())) problems.add(k[0] + ": " + e.getSQLState() + ", expected " + k[1] + " (" + e.getMessage() + ")"); }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT ?::integer")) {
        ps.setString(1, "abc");
        ps.executeQuery();
        problems.add("bound 'abc' for an integer: no error");
      } catch (SQLException e) {
        if (!"22P02".equals(e.getSQLState())) problems.add("bound 'abc': " + e.getSQLState() + ", expected 22P02");
      }
      check(problems.isEmpty(), String.join("; ", problems));
    }
  }

  static void notice() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS no_such_table_for_notice");
      SQLWarning w = s.getWarnings();
      check(w != null && w.getMessage().contains("does not exist"), "warnings: " + w);
    }
  }

  static void poolReset() throws Exception {
    try (Connection c = connect()) {
      exec(c, "SET application_name = 'pooled'");
      exec(c, "SELECT pg_advisory_unlock_all();\nCLOSE ALL;\nUNLISTEN *;\nRESET ALL;");
      exec(c, "DISCARD ALL");
      expectEqual(one(c, "SHOW application_name"), "", "application_name after RESET ALL/DISCARD ALL");
    }
  }

  public static void main(String[] args) {
    LinkedHashMap<String, Scenario> s = new LinkedHashMap<>();
    s.put("connect-trust", PgJdbcClient::connectTrust);
    s.put("connect-scram", PgJdbcClient::connectScram);
    s.put("connect-md5", PgJdbcClient::connectMd5);
    s.put("auth-wrong-password", PgJdbcClient::authWrongPassword);
    s.put("version-schema", PgJdbcClient::versionSchema);
    s.put("crud-params", PgJdbcClient::crudParams);
    s.put("prepared-repeat", PgJdbcClient::preparedRepeat);
    s.put("prepared-after-writes", PgJdbcClient::preparedAfterWrites);
    s.put("types-roundtrip", PgJdbcClient::typesRoundtrip);
    s.put("types-real-array", PgJdbcClient::typesRealArray);
    s.put("txn-commit-rollback", PgJdbcClient::txnCommitRollback);
    s.put("txn-savepoint", PgJdbcClient::txnSavepoint);
    s.put("cursor-fetch", PgJdbcClient::cursorFetch);
    s.put("batch", PgJdbcClient::batch);
    s.put("copy-in", PgJdbcClient::copyIn);
    s.put("copy-out", PgJdbcClient::copyOut);
    s.put("cancel", PgJdbcClient::cancel);
    s.put("errors-sqlstate", PgJdbcClient::errorsSqlstate);
    s.put("notice", PgJdbcClient::notice);
    s.put("pool-reset", PgJdbcClient::poolReset);
    runAll(s);
  }
}
