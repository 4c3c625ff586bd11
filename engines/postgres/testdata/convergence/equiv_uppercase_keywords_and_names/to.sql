create table ORDERS (ID INTEGER primary key, TOTAL NUMERIC(8, 2));
