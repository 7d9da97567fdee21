"""A small assistant that can answer with a closed API model or with open weights run locally."""
import os

from anthropic import Anthropic
from openai import OpenAI
from transformers import AutoModelForCausalLM, AutoTokenizer

LOCAL_MODEL = "meta-llama/Meta-Llama-3-8B-Instruct"  # open weights, Llama 3 Community License
EMBEDDINGS = "BAAI/bge-small-en-v1.5"


def ask_openai(prompt: str) -> str:
    client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    return reply.choices[0].message.content


def ask_claude(prompt: str) -> str:
    client = Anthropic()
    reply = client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=512,
                                   messages=[{"role": "user", "content": prompt}])
    return reply.content[0].text


def ask_local(prompt: str) -> str:
    tokenizer = AutoTokenizer.from_pretrained(LOCAL_MODEL)
    model = AutoModelForCausalLM.from_pretrained(LOCAL_MODEL)
    inputs = tokenizer(prompt, return_tensors="pt")
    return tokenizer.decode(model.generate(**inputs, max_new_tokens=128)[0])
