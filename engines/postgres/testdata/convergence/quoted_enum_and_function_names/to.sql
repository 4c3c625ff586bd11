CREATE TYPE "Colour" AS ENUM ('Red', 'Green');
CREATE FUNCTION "GetColour"("Which" integer) RETURNS "Colour"
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN "Which" = 0 THEN 'Red'::"Colour" ELSE 'Green'::"Colour" END $$;
