(no schema.sql: the database does not speak SQL)
