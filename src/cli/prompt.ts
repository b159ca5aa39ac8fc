import { PassThrough } from 'node:stream'
import type { CliContext } from './context.ts'

// inquirer is loaded only when a question is asked: most runs never prompt.

export async function confirm(context: CliContext, message: string): Promise<boolean> {
  const { answer } = await ask<boolean>(context, {
    type: 'confirm',
    message,
    default: false,
  })
  return answer
}

export async function askText(
  context: CliContext,
  message: string,
  options: { secret?: boolean; validate?: (value: string) => true | string } = {},
): Promise<string> {
  const { answer } = await ask<string>(context, {
    type: options.secret ? 'password' : 'input',
    message,
    mask: options.secret ? '*' : undefined,
    validate: options.validate,
  })
  return answer
}

async function ask<T>(
  context: CliContext,
  question: Record<string, unknown>,
): Promise<{ answer: T }> {
  const { default: inquirer } = await import('inquirer')
  // inquirer ends the output stream it is given when the prompt closes: it gets a
  // stand-in, so that what the command prints afterwards still reaches the terminal.
  const { stdout } = context.io
  const output = Object.assign(new PassThrough(), {
    isTTY: stdout.isTTY,
    columns: stdout.columns,
  })
  output.pipe(stdout, { end: false })
  const prompt = inquirer.createPromptModule({ input: context.io.stdin, output })
  // biome-ignore lint/suspicious/noExplicitAny: inquirer's question union is too wide to name here
  return prompt([{ ...question, name: 'answer' } as any]) as Promise<{ answer: T }>
}
