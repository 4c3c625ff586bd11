-- MySQL adds one FULLTEXT index per ALTER.
CREATE TABLE articles (
    id int PRIMARY KEY,
    title varchar(200),
    body text,
    tags varchar(200),
    FULLTEXT KEY ft_title_body (title, body),
    FULLTEXT KEY ft_tags (tags),
    KEY title_tags (title(50), tags(50))
);
