ALTER TABLE "agents" ADD COLUMN "workspace" text DEFAULT 'shared' NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "workspace_dir" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "scratch_dir" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "hooks" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "env_names" jsonb DEFAULT '[]'::jsonb NOT NULL;