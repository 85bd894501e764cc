CREATE INDEX CONCURRENTLY IF NOT EXISTS :index ON public.:table (:columns)
