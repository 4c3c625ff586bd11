CREATE TABLE p (id int PRIMARY KEY);
create table t (id int auto_increment primary key, a varchar(10) default 'it''s' not null, b int default null, c decimal(10,2) default 1.5, d timestamp default current_timestamp on update current_timestamp, e json, f bool default true, g datetime(6) default now(6), h int default (1+1), i year, j text, k bit(3) default b'101', l enum('x','y''z') default 'x', m varchar(5) default 'a\\b', n int as (b*2) virtual, o int as (b+1) stored, pid int, check (b > 0), constraint cb check (b < 100), q int check (q>1), unique (a), key (b), key (b, c), foreign key (pid) references p(id), pid2 int, constraint fk2 foreign key (pid2) references p(id) on delete cascade, r double default 1e3, s float(7,3));
create view v1 as select id, a from t where b > 1;
create algorithm=merge sql security invoker view v2 (c1, c2) as select t.id, p.id from t join p on t.id=p.id where t.b>0 with check option;
delimiter //
create trigger tr1 before insert on t for each row begin set new.b = 1; end//
create function f1(x int, y varchar(10)) returns varchar(20) deterministic comment 'hi' begin return concat(x, y); end//
create procedure p1(in a int, out b text) modifies sql data begin select a into b; end//
create event e1 on schedule every 1 day do delete from t where id < 0//
delimiter ;
