DROP TABLE nomination_documents;
DROP TABLE nominations;
DROP TABLE submissions;
