DROP TABLE nomination_documents;
DROP TABLE submission_nominations;
DROP TABLE nominations;
DROP TABLE submissions;
