CREATE TABLE "token_usage" (
	"agent_id" text NOT NULL,
	"team" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"model" text NOT NULL,
	"requests" integer NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cache_read_tokens" bigint NOT NULL,
	"cache_creation_tokens" bigint NOT NULL,
	"cost_usd" double precision NOT NULL,
	CONSTRAINT "token_usage_agent_id_hour_model_pk" PRIMARY KEY("agent_id","hour","model")
);
--> statement-breakpoint
CREATE INDEX "token_usage_team_hour_idx" ON "token_usage" USING btree ("team","hour");--> statement-breakpoint
CREATE INDEX "token_usage_hour_idx" ON "token_usage" USING btree ("hour");