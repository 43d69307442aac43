// Tool emulations over pgJDBC 42.5. `dbeaver`: DBeaver's connection properties
// (prepareThreshold=0, ApplicationName), the DatabaseMetaData calls its navigator makes, the
// ResultSetMetaData of a data tab, and DBeaver's recorded browse queries. `metabase`: Metabase's
// recorded sync queries. Both first load test/clients/fixture.sql. One JSON line per scenario.
// Run: java -cp /usr/share/java/postgresql.jar JdbcTools.java dbeaver|metabase
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class JdbcTools {
  static String client;
  static final String HOST = env("CLIENTS_HOST", "127.0.0.1");
  static final String PORT = env("CLIENTS_PORT", "5433");
  static final String USER = env("CLIENTS_USER", "thanosql");
  static final String DB = env("CLIENTS_DB", "thanosql");
  static final long SCENARIO_TIMEOUT_S = 15;
  static final Pattern RECORDED_HEADER = Pattern.compile("^-- \\[(\\w+) (\\d+)\\]$");

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  interface Scenario { void run() throws Exception; }

  static class Failure extends Exception { Failure(String m) { super(m); } }

  static void check(boolean ok, String message) throws Failure { if (!ok) throw new Failure(message); }

  static Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("connectTimeout", "10");
    if (client.equals("dbeaver")) {
      p.setProperty("ApplicationName", "DBeaver 24.2.0 - Main <" + DB + ">");
      p.setProperty("prepareThreshold", "0"); // DBeaver's PostgreSQL driver: turnOffPreparedStatements
    } else {
      p.setProperty("ApplicationName", "Metabase v0.55.1 [matrix]");
    }
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DB, p);
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
    System.out.println("{\"client\":" + json(client) + ",\"scenario\":" + json(scenario) + ",\"ok\":" + ok
        + (error == null ? "" : ",\"error\":" + json(error.length() > 2000 ? error.substring(0, 2000) : error)) + "}");
    System.out.flush();
  }

  static String describe(Throwable t) {
    if (t instanceof SQLException e && e.getSQLState() != null) return "[" + e.getSQLState() + "] " + e.getMessage();
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** Rows of a metadata ResultSet as label=value maps. */
  static List<Map<String, String>> rows(ResultSet rs) throws SQLException {
    List<Map<String, String>> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    while (rs.next()) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i), rs.getString(i));
      out.add(row);
    }
    rs.close();
    return out;
  }

  /**
   * One column of {@link #rows} by label, case-insensitively as pgJDBC's findColumn: its metadata
   * queries alias unquoted (`nspname AS TABLE_SCHEM`), so PostgreSQL itself labels them lower case.
   */
  static List<String> column(List<Map<String, String>> rows, String name) {
    List<String> out = new ArrayList<>();
    for (Map<String, String> r : rows) {
      String value = null;
      for (Map.Entry<String, String> e : r.entrySet()) if (e.getKey().equalsIgnoreCase(name)) value = e.getValue();
      out.add(value);
    }
    return out;
  }

  static void fixture() throws Exception {
    List<String> problems = new ArrayList<>();
    String text = Files.readString(Path.of(env("CLIENTS_FIXTURE", "fixture.sql")));
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n")) if (!line.startsWith("--")) body.append(line).append('\n');
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String stmt : body.toString().split(";\n")) {
        if (stmt.isBlank()) continue;
        try { s.execute(stmt.strip().replaceAll(";$", "")); }
        catch (SQLException e) { problems.add(stmt.strip().substring(0, Math.min(60, stmt.strip().length())) + ": " + describe(e)); }
      }
    }
    check(problems.isEmpty(), String.join("; ", problems));
  }

  static void metaCatalogs() throws Exception {
    try (Connection c = connect()) {
      List<String> names = column(rows(c.getMetaData().getCatalogs()), "TABLE_CAT");
      check(names.contains(DB), "getCatalogs " + names);
    }
  }

  static void metaSchemas() throws Exception {
    try (Connection c = connect()) {
      List<String> names = column(rows(c.getMetaData().getSchemas()), "TABLE_SCHEM");
      check(names.contains("public"), "getSchemas " + names);
    }
  }

  static void metaTables() throws Exception {
    try (Connection c = connect()) {
      List<String> names = column(rows(c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE", "VIEW"})), "TABLE_NAME");
      check(names.containsAll(List.of("items", "orders")), "getTables " + names);
    }
  }

  static void metaColumns() throws Exception {
    try (Connection c = connect()) {
      List<String> got = new ArrayList<>();
      for (Map<String, String> r : rows(c.getMetaData().getColumns(null, "public", "items", "%")))
        got.add(r.get("COLUMN_NAME") + ":" + r.get("TYPE_NAME") + ":" + r.get("IS_NULLABLE"));
      check(got.equals(List.of("id:int4:NO", "name:varchar:NO", "price:numeric:YES", "tags:_float4:YES", "created:timestamptz:YES")),
          "getColumns " + got);
    }
  }

  static void metaPrimaryKeys() throws Exception {
    try (Connection c = connect()) {
      List<String> cols = column(rows(c.getMetaData().getPrimaryKeys(null, "public", "items")), "COLUMN_NAME");
      check(cols.equals(List.of("id")), "getPrimaryKeys " + cols);
    }
  }

  static void metaIndexInfo() throws Exception {
    try (Connection c = connect()) {
      List<Map<String, String>> idx = rows(c.getMetaData().getIndexInfo(null, "public", "items", false, true));
      check(column(idx, "COLUMN_NAME").contains("id"), "getIndexInfo " + idx);
    }
  }

  static void metaTypeInfo() throws Exception {
    try (Connection c = connect()) {
      List<String> names = column(rows(c.getMetaData().getTypeInfo()), "TYPE_NAME");
      check(names.containsAll(List.of("int4", "text", "float4", "_float4")), "getTypeInfo " + names.size() + " types");
    }
  }

  static void resultSetMetadata() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.setMaxRows(200); // DBeaver's data tab
      try (ResultSet rs = s.executeQuery("SELECT * FROM items")) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> got = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++)
          got.add(md.getColumnName(i) + ":" + md.getColumnTypeName(i) + ":" + md.isNullable(i) + ":" + md.getTableName(i));
        List<String> want = List.of("id:int4:0:items", "name:varchar:0:items", "price:numeric:1:items", "tags:_float4:1:items",
            "created:timestamptz:1:items");
        check(got.equals(want), "ResultSetMetaData name:type:nullable:table " + got + ", expected " + want);
      }
    }
  }

  /** `-- expect error <SQLSTATE>` inside a recorded statement: PostgreSQL 15 itself rejects it that way. */
  static final Pattern EXPECT_ERROR = Pattern.compile("^-- expect error (\\w{5})\\b.*$", Pattern.MULTILINE);

  /** The recorded statements of one tool: id → SQL. */
  static LinkedHashMap<String, String> recorded(String tool) throws Exception {
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    String id = null;
    StringBuilder body = new StringBuilder();
    for (String line : Files.readAllLines(Path.of(env("CLIENTS_RECORDED", "recorded/bi-tools-startup-queries.sql")))) {
      Matcher m = RECORDED_HEADER.matcher(line);
      if (m.matches() || line.startsWith("-- =====")) {
        if (id != null) out.put(id, body.toString().strip().replaceAll(";$", ""));
        id = m.matches() && m.group(1).equals(tool) ? String.format("replay-%s-%02d", tool, Integer.parseInt(m.group(2))) : null;
        body.setLength(0);
      } else if (id != null) {
        body.append(line).append('\n');
      }
    }
    if (id != null) out.put(id, body.toString().strip().replaceAll(";$", ""));
    return out;
  }

  public static void main(String[] args) throws Exception {
    client = args[0];
    LinkedHashMap<String, Scenario> s = new LinkedHashMap<>();
    s.put("fixture", JdbcTools::fixture);
    if (client.equals("dbeaver")) {
      s.put("meta-catalogs", JdbcTools::metaCatalogs);
      s.put("meta-schemas", JdbcTools::metaSchemas);
      s.put("meta-tables", JdbcTools::metaTables);
      s.put("meta-columns", JdbcTools::metaColumns);
      s.put("meta-primary-keys", JdbcTools::metaPrimaryKeys);
      s.put("meta-index-info", JdbcTools::metaIndexInfo);
      s.put("meta-type-info", JdbcTools::metaTypeInfo);
      s.put("resultset-metadata", JdbcTools::resultSetMetadata);
    }
    Connection[] shared = new Connection[1];
    for (var entry : recorded(client).entrySet()) {
      s.put(entry.getKey(), () -> {
        if (shared[0] == null || shared[0].isClosed()) shared[0] = connect();
        Matcher expect = EXPECT_ERROR.matcher(entry.getValue());
        String expectedState = expect.find() ? expect.group(1) : null;
        try (Statement st = shared[0].createStatement()) {
          st.execute(entry.getValue());
          for (boolean more = true; more; more = st.getMoreResults() || st.getUpdateCount() != -1) {
            ResultSet rs = st.getResultSet();
            if (rs != null) while (rs.next()) { /* read every row, as the tool does */ }
          }
        } catch (SQLException e) {
          if (expectedState == null || !expectedState.equals(e.getSQLState())) throw e;
          return;
        }
        check(expectedState == null, "expected SQLSTATE " + expectedState + " (PostgreSQL 15 rejects this statement), got success");
      });
    }
    Set<String> only = new HashSet<>(Arrays.asList(env("CLIENTS_ONLY", "").split(",")));
    only.remove("");
    ExecutorService pool = Executors.newCachedThreadPool(r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });
    for (var entry : s.entrySet()) {
      if (!only.isEmpty() && !only.contains(entry.getKey())) continue;
      Future<?> f = pool.submit(() -> { entry.getValue().run(); return null; });
      try { f.get(SCENARIO_TIMEOUT_S, TimeUnit.SECONDS); emit(entry.getKey(), true, null); }
      catch (TimeoutException e) { f.cancel(true); emit(entry.getKey(), false, "timed out after " + SCENARIO_TIMEOUT_S + " s"); }
      catch (ExecutionException e) { emit(entry.getKey(), false, describe(e.getCause())); }
    }
    System.exit(0);
  }
}
