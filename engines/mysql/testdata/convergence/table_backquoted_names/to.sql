CREATE TABLE `x` (id int);
CREATE TABLE `order` (`select` int, `from date` varchar(10), `a``b` int);
