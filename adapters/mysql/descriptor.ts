/**
 * What redb says about the MySQL/MariaDB adapter before loading it: its schemes and
 * words for help and errors. Imports nothing, so `redb help` and an unknown-scheme
 * error never load mysql2.
 */
import type { AdapterDescriptor } from '../registry.js';

export const mysqlDescriptor: Omit<AdapterDescriptor, 'load'> = {
  dialect: 'mysql',
  schemes: ['mysql', 'mariadb'],
  description: 'MySQL 8 and MariaDB 10/11 servers (mysql://, mariadb://; read only for now: no plans or deploys yet)',
  urlExamples: ['mysql://app:${MYSQL_PASSWORD}@db.internal:3306/app'],
  // mysql2 is plain JavaScript: the bundle may copy it
  unbundled: [],
};
