ALTER TABLE public.:table VALIDATE CONSTRAINT :constraint;
