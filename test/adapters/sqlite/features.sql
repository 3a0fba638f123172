-- Every feature the SQLite introspection reads (test/adapters/sqlite/features.test.ts).
CREATE TABLE authors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email VARCHAR(120) NOT NULL COLLATE NOCASE CONSTRAINT authors_email_key UNIQUE,
  name TEXT NOT NULL DEFAULT 'anonymous',
  born DATE,
  rating REAL CHECK (rating >= 0),
  bio CLOB,
  active BOOLEAN NOT NULL DEFAULT 1,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT authors_name_not_blank CHECK (length(trim(name)) > 0)
);

CREATE TABLE "Books" (
  isbn CHAR(13) NOT NULL,
  edition INT NOT NULL DEFAULT (1 + 0),
  author_id INTEGER CONSTRAINT books_author_fk REFERENCES authors (id) ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
  price DECIMAL(10, 2),
  weight NUMERIC,
  cover BLOB,
  untyped,
  title_upper TEXT GENERATED ALWAYS AS (upper(isbn)) VIRTUAL,
  price_cents INTEGER AS (price * 100) STORED,
  CONSTRAINT books_pk PRIMARY KEY (isbn, edition),
  UNIQUE (author_id, isbn),
  FOREIGN KEY (author_id) REFERENCES authors
) WITHOUT ROWID;

CREATE TABLE reviews (
  id INTEGER NOT NULL,
  isbn TEXT,
  edition INT,
  body TEXT,
  extra ANY,
  stars INTEGER,
  PRIMARY KEY (id),
  FOREIGN KEY (isbn, edition) REFERENCES "Books" (isbn, edition) ON DELETE RESTRICT
) STRICT;

CREATE INDEX reviews_stars ON reviews (stars DESC, isbn);
CREATE UNIQUE INDEX reviews_body_lower ON reviews (lower(body), id) WHERE stars > 3;
CREATE INDEX authors_name_nocase ON authors (name COLLATE NOCASE);

CREATE VIEW good_books AS SELECT b.isbn, b.edition, a.name AS author, count(r.id) AS n
  FROM "Books" b JOIN authors a ON a.id = b.author_id LEFT JOIN reviews r ON r.isbn = b.isbn
  WHERE r.stars > 3 GROUP BY b.isbn, b.edition, a.name;

CREATE VIEW top_authors (author, books) AS SELECT author, count(*) FROM good_books GROUP BY author;

CREATE TRIGGER reviews_touch AFTER UPDATE OF body, stars ON reviews FOR EACH ROW WHEN new.stars IS NOT NULL
BEGIN
  UPDATE authors SET rating = new.stars WHERE id = 1;
  DELETE FROM reviews WHERE stars < 0;
END;

CREATE TRIGGER good_books_insert INSTEAD OF INSERT ON good_books
BEGIN
  INSERT INTO reviews (isbn, edition, stars) VALUES (new.isbn, new.edition, 5);
END;

CREATE TRIGGER authors_guard BEFORE DELETE ON authors BEGIN SELECT RAISE(ABORT, 'no'); END;
