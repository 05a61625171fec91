CREATE TABLE "teams" (
	"name" text PRIMARY KEY NOT NULL,
	"project_dir" text NOT NULL,
	"host" text NOT NULL,
	"spec" jsonb NOT NULL,
	"workflow_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
