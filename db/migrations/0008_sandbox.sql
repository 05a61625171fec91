ALTER TABLE "agents" ADD COLUMN "sandbox" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "sandbox_allow" jsonb DEFAULT '[]'::jsonb NOT NULL;