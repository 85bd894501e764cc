DROP TABLE IF EXISTS public.notifications CASCADE;
