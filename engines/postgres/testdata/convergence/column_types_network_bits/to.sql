CREATE TABLE net (
    a inet,
    b cidr,
    c macaddr,
    d macaddr8,
    e bit(8),
    f varbit,
    g bit varying(16),
    h bit
);
