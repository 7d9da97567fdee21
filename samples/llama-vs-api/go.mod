module example.com/llama-vs-api

go 1.22

require (
	github.com/sashabaranov/go-openai v1.32.0
	github.com/ollama/ollama v0.4.0
	golang.org/x/sync v0.8.0 // indirect
)
