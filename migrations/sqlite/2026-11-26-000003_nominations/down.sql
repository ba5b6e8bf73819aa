DROP TABLE nomination_documents;
DROP TABLE decision_nominations;
DROP TABLE decisions;
DROP TABLE submission_nominations;
DROP TABLE nominations;
DROP TABLE submissions;
