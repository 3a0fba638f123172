CREATE TABLE customers (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  code CHAR(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'short code',
  email VARCHAR(190) NOT NULL,
  name VARCHAR(100) NOT NULL DEFAULT 'anon',
  status ENUM('new','active','gone') NOT NULL DEFAULT 'new',
  flags SET('a','b','c') DEFAULT NULL,
  balance DECIMAL(12,2) ZEROFILL DEFAULT 0.00,
  small TINYINT(3) UNSIGNED ZEROFILL,
  is_ok TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  uid CHAR(36) NOT NULL DEFAULT (uuid()),
  name_upper VARCHAR(100) AS (upper(name)) VIRTUAL,
  name_len INT AS (char_length(name)) STORED,
  secret VARCHAR(20) INVISIBLE,
  doc JSON,
  bio TEXT,
  pic MEDIUMBLOB,
  pos POINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY customers_email (email),
  KEY customers_name_prefix (name(10) DESC, email),
  FULLTEXT KEY customers_bio (bio),
  SPATIAL KEY customers_pos (pos),
  KEY customers_ignored (code) IGNORED COMMENT 'not used',
  CONSTRAINT customers_balance_positive CHECK (balance >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT='people who buy';

CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id INT UNSIGNED NOT NULL,
  total DOUBLE NOT NULL,
  note VARCHAR(50) CHARACTER SET latin1,
  CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE ON UPDATE RESTRICT
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `odd name` (`a b` INT PRIMARY KEY, `select` VARCHAR(10)) ENGINE=MyISAM;

CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW big_orders AS
  SELECT o.id, c.email, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 100
  WITH LOCAL CHECK OPTION;

CREATE VIEW order_count AS SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id;

DELIMITER //
CREATE FUNCTION order_total(cid INT UNSIGNED, minimum DOUBLE) RETURNS DOUBLE
  DETERMINISTIC READS SQL DATA COMMENT 'sum of orders'
BEGIN
  RETURN (SELECT coalesce(sum(total), 0) FROM orders WHERE customer_id = cid AND total >= minimum);
END//
CREATE PROCEDURE touch_customer(IN cid INT UNSIGNED, OUT n INT)
  MODIFIES SQL DATA SQL SECURITY INVOKER
BEGIN
  UPDATE customers SET name = name WHERE id = cid;
  SELECT row_count() INTO n;
END//
CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  IF NEW.total < 0 THEN SET NEW.total = 0; END IF;
END//
CREATE TRIGGER orders_bi2 BEFORE INSERT ON orders FOR EACH ROW FOLLOWS orders_bi SET NEW.note = coalesce(NEW.note, 'none')//
CREATE TRIGGER orders_au AFTER UPDATE ON orders FOR EACH ROW UPDATE customers SET name = name WHERE id = NEW.customer_id//
DELIMITER ;

CREATE TABLE `we``ird.ünï` (`c``d` INT NOT NULL, `order` DATE, PRIMARY KEY (`c``d`), KEY `k.1` (`order`));
CREATE VIEW `v``q` AS SELECT `c``d` AS `x`, 'a;`b`' AS lit FROM `we``ird.ünï`;

CREATE TABLE part_range (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d))
  PARTITION BY RANGE (year(d)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2
  (PARTITION p2019 VALUES LESS THAN (2020), PARTITION pmax VALUES LESS THAN MAXVALUE);
CREATE TABLE part_list (id INT, c VARCHAR(5)) PARTITION BY LIST COLUMNS (c) (PARTITION pa VALUES IN ('a','b'), PARTITION pz VALUES IN ('z'));
CREATE TABLE part_key (id INT PRIMARY KEY) PARTITION BY LINEAR KEY () PARTITIONS 3;

CREATE SEQUENCE seq_ids START WITH 10 INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000 CACHE 20 CYCLE;
CREATE SEQUENCE seq_plain;
