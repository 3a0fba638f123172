-- A PostgreSQL schema with every common column type, for test/cli/translate.test.ts (translated to MariaDB).
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE authors (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  email varchar(200) NOT NULL UNIQUE,
  bio text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE posts (
  id bigserial PRIMARY KEY,
  author_id integer NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  public_id uuid NOT NULL DEFAULT gen_random_uuid(),
  slug text NOT NULL,
  title varchar(120) NOT NULL,
  code char(4),
  small smallint DEFAULT 0,
  big bigint,
  price numeric(10,2) NOT NULL DEFAULT 0,
  ratio real,
  score double precision,
  flag boolean NOT NULL DEFAULT false,
  body bytea,
  published date,
  at_time time,
  local_ts timestamp(3),
  zoned_ts timestamptz,
  duration interval,
  meta json,
  doc jsonb DEFAULT '{}'::jsonb,
  feeling mood NOT NULL DEFAULT 'ok',
  tags text[],
  counts integer[] ,
  CONSTRAINT posts_price_check CHECK (price >= 0),
  CONSTRAINT posts_slug_key UNIQUE (slug)
);
CREATE INDEX posts_title_idx ON posts (title);
CREATE INDEX posts_author_published_idx ON posts (author_id, published DESC);
CREATE INDEX posts_lower_title_idx ON posts (lower(title));
CREATE TABLE post_tags (
  post_id bigint NOT NULL REFERENCES posts (id),
  tag text NOT NULL,
  weight smallint NOT NULL DEFAULT 1 CHECK (weight > 0),
  PRIMARY KEY (post_id, tag)
);
CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE published IS NOT NULL;
