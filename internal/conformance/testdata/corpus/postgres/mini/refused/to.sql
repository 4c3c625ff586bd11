CREATE TABLE refused ();
