-- Metadata fixture for the tool emulations (DBeaver, SQLAlchemy inspector, Metabase, Grafana,
-- psql \d): one statement per line group, each ending with ';' at a line end. Loaded the same
-- way into our server and into the PostgreSQL 15 oracle.
CREATE TABLE items (id integer PRIMARY KEY, name varchar(40) NOT NULL, price numeric(12,2), tags real[], created timestamptz);
CREATE TABLE orders (id integer PRIMARY KEY, item_id integer REFERENCES items (id), qty integer);
INSERT INTO items VALUES (1, 'pen', 1.50, '{1.5,2}', '2024-01-02 03:04:05+00');
CREATE INDEX items_name_idx ON items (name);
CREATE VIEW cheap_items AS SELECT id, name FROM items WHERE price < 10;
COMMENT ON TABLE items IS 'things for sale';
