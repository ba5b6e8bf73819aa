ALTER TABLE nominations DROP COLUMN cited_model_ids;
DROP TABLE model_replications;
DROP TABLE exemplary_model_documents;
DROP TABLE exemplary_models;
