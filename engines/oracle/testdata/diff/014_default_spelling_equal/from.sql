CREATE TABLE t (d DATE DEFAULT sysdate, n number default (1+2));
