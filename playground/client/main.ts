/**
 * The playground page's script: a palette, a canvas of block instances and a side panel whose
 * form is drawn only from the block's data (`GET /api/block`, which is `intercomBlock` itself).
 * Plain DOM, no framework; bundled by tsup as one IIFE.
 */
import type { BlockPort, BlockTriggers, DropdownOption, SubBlock } from '../../types/block'
import type { BlockOutcome, Connection, PlaygroundError, RunResponse } from '../protocol'

interface BlockData {
  type: string
  name: string
  description: string
  icon: string
  subBlocks: SubBlock[]
  outputs: Record<string, BlockPort>
  operations: string[]
  triggers?: BlockTriggers
}

type Kind = 'action' | 'trigger'

interface Instance {
  /** `block1`, `block2`, ... (`trigger` for the trigger): what references name. */
  id: string
  /** An action runs a tool; the trigger (first, at most one) starts the chain with an event. */
  kind: Kind
  values: Record<string, unknown>
  outcome?: BlockOutcome
}

type Loaded = { state: 'loading' } | { state: 'ready'; options: DropdownOption[] } | { state: 'failed'; message: string }

const SETTINGS = new Set(['operation', 'accessToken', 'region'])
const DRAG_TYPE = 'application/x-intercom-block'

let block: BlockData
const instances: Instance[] = []
let selected: string | undefined
let counter = 0
const loaded = new Map<string, Loaded>()

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue
    if (key === 'class') node.className = String(value)
    else if (key === 'text') node.textContent = String(value)
    else if (key === 'value') (node as unknown as { value: string }).value = String(value)
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value as EventListener)
    else if (key in node && typeof value !== 'string') (node as unknown as Record<string, unknown>)[key] = value
    else node.setAttribute(key, value === true ? '' : String(value))
  }
  node.append(...children)
  return node
}

function announce(message: string): void {
  const announcer = $('announcer')
  announcer.textContent = ''
  // A fresh text node so that a screen reader announces a repeated message too.
  window.setTimeout(() => (announcer.textContent = message), 30)
}

/** The field that picks what a block does: the operation, or for the trigger the event. */
const selectorKey = (kind: Kind) => (kind === 'trigger' ? 'triggerId' : 'operation')
const selectorField = (kind: Kind) =>
  (kind === 'trigger' ? block.triggers?.subBlocks : block.subBlocks)?.find((field) => field.id === selectorKey(kind)) as SubBlock
const operationOf = (instance: Instance) => String(instance.values[selectorKey(instance.kind)] ?? '')
const operationLabel = (operation: string, kind: Kind = 'action') => selectorField(kind)?.options?.find((option) => option.id === operation)?.label ?? operation
const appliesTo = (condition: { value: string[] } | undefined, operation: string) => !condition || condition.value.includes(operation)

/** The fields the chosen operation shows, in the block's order. */
function visibleFields(operation: string, kind: Kind = 'action'): SubBlock[] {
  if (kind === 'trigger') return (block.triggers?.subBlocks ?? []).filter((field) => field.id !== 'triggerId' && appliesTo(field.condition, operation)) as SubBlock[]
  return block.subBlocks.filter((field) => !SETTINGS.has(field.id) && appliesTo(field.condition, operation))
}

function isRequired(field: SubBlock, operation: string): boolean {
  return field.required === true || (typeof field.required === 'object' && field.required.value.includes(operation))
}

/** Fills fields that have a default value, for the chosen operation, where nothing is set yet. */
function applyDefaults(instance: Instance): void {
  for (const field of visibleFields(operationOf(instance), instance.kind)) {
    if (field.defaultValue !== undefined && instance.values[field.id] === undefined) {
      instance.values[field.id] = typeof field.defaultValue === 'object' ? JSON.stringify(field.defaultValue) : field.defaultValue
    }
  }
}

function addBlock(): void {
  counter += 1
  const operation = block.subBlocks.find((field) => field.id === 'operation')?.defaultValue
  const instance: Instance = { id: `block${counter}`, kind: 'action', values: { operation } }
  applyDefaults(instance)
  instances.push(instance)
  selected = instance.id
  renderCanvas()
  renderPanel()
  announce(`Added ${label(instance)} to the workflow.`)
  $<HTMLSelectElement>(`f-${instance.id}-operation`)?.focus()
}

/** Puts the trigger first in the chain (there is at most one: the event that starts the workflow). */
function addTrigger(): void {
  let instance = instances.find((candidate) => candidate.kind === 'trigger')
  if (instance) announce('The workflow already starts with a trigger; it is selected.')
  else {
    instance = { id: 'trigger', kind: 'trigger', values: { triggerId: block.triggers?.available[0] } }
    instances.unshift(instance)
    announce(`Added ${label(instance)}: it starts the workflow.`)
  }
  selected = instance.id
  renderCanvas()
  renderPanel()
  $<HTMLSelectElement>(`f-${instance.id}-triggerId`)?.focus()
}

const label = (instance: Instance) => (instance.kind === 'trigger' ? 'Trigger (trigger)' : `Block ${instances.indexOf(instance) + 1} (${instance.id})`)
/** The first position an action may take: after the trigger, when there is one. */
const firstActionIndex = () => (instances[0]?.kind === 'trigger' ? 1 : 0)

function moveBlock(instance: Instance, by: number): void {
  const from = instances.indexOf(instance)
  const to = from + by
  if (instance.kind === 'trigger' || to < firstActionIndex() || to >= instances.length) return
  instances.splice(from, 1)
  instances.splice(to, 0, instance)
  renderCanvas()
  announce(`${instance.id} moved to position ${to + 1}.`)
  ;(document.querySelector(`[data-block="${instance.id}"] .move-${by < 0 ? 'up' : 'down'}`) as HTMLElement | null)?.focus()
}

function removeBlock(instance: Instance): void {
  instances.splice(instances.indexOf(instance), 1)
  if (selected === instance.id) selected = instances[0]?.id
  renderCanvas()
  renderPanel()
  announce(`${instance.id} removed.`)
}

function renderPalette(): void {
  const item = el(
    'div',
    { class: 'palette-item', draggable: 'true', 'data-palette': block.type, title: block.description },
    el('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(block.icon)}`, alt: '' }),
    el('span', { text: block.name }),
    el('button', { type: 'button', class: 'add', 'aria-label': `Add ${block.name} block to the workflow`, text: 'Add', onclick: addBlock }),
  )
  item.addEventListener('dragstart', (event) => {
    event.dataTransfer?.setData(DRAG_TYPE, block.type)
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'copy'
  })
  const items: HTMLElement[] = [item]
  if (block.triggers?.enabled) {
    const trigger = el(
      'div',
      { class: 'palette-item', draggable: 'true', 'data-palette': `${block.type}-trigger`, title: 'Start the workflow when something happens in Intercom' },
      el('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(block.icon)}`, alt: '' }),
      el('span', { text: `${block.name} trigger` }),
      el('button', { type: 'button', class: 'add', 'aria-label': `Add ${block.name} trigger to the workflow`, text: 'Add', onclick: addTrigger }),
    )
    trigger.addEventListener('dragstart', (event) => {
      event.dataTransfer?.setData(DRAG_TYPE, 'trigger')
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'copy'
    })
    items.push(trigger)
  }
  $('palette').replaceChildren(...items, el('p', { class: 'hint', text: block.description }))
}

function setUpCanvas(): void {
  const canvas = $('canvas')
  const accepts = (event: DragEvent) => event.dataTransfer?.types.includes(DRAG_TYPE) ?? false
  canvas.addEventListener('dragover', (event) => {
    if (!accepts(event)) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    canvas.classList.add('drop-target')
  })
  canvas.addEventListener('dragleave', () => canvas.classList.remove('drop-target'))
  canvas.addEventListener('drop', (event) => {
    canvas.classList.remove('drop-target')
    if (!accepts(event)) return
    event.preventDefault()
    if (event.dataTransfer?.getData(DRAG_TYPE) === 'trigger') addTrigger()
    else addBlock()
  })
}

function renderCanvas(): void {
  $('canvas').replaceChildren(
    ...instances.map((instance, index) => {
      const outcome = instance.outcome
      const status = outcome ? (outcome.status === 'success' ? '✓ ran' : outcome.status === 'error' ? `✗ ${outcome.error.code}` : '– skipped') : ''
      return el(
        'li',
        { class: 'node', 'data-block': instance.id, 'aria-current': instance.id === selected ? 'true' : 'false' },
        el(
          'div',
          { class: 'row' },
          el(
            'button',
            { type: 'button', class: 'select', 'aria-pressed': String(instance.id === selected), onclick: () => select(instance) },
            el('strong', { text: instance.kind === 'trigger' ? `${index + 1}. ${block.name} trigger` : `${index + 1}. ${block.name}` }),
            ` · ${operationLabel(operationOf(instance), instance.kind)} `,
            el('code', { text: instance.id }),
          ),
          el('button', { type: 'button', class: 'move-up', 'aria-label': `Move ${instance.id} up`, text: '↑', disabled: instance.kind === 'trigger' || index <= firstActionIndex(), onclick: () => moveBlock(instance, -1) }),
          el('button', { type: 'button', class: 'move-down', 'aria-label': `Move ${instance.id} down`, text: '↓', disabled: instance.kind === 'trigger' || index === instances.length - 1, onclick: () => moveBlock(instance, 1) }),
          el('button', { type: 'button', 'aria-label': `Remove ${instance.id}`, text: '✕', onclick: () => removeBlock(instance) }),
        ),
        el('div', { class: `status ${outcome?.status ?? ''}`, text: status }),
      )
    }),
  )
}

function select(instance: Instance): void {
  selected = instance.id
  renderCanvas()
  renderPanel()
  $<HTMLSelectElement>(`f-${instance.id}-operation`)?.focus()
}

function connection(): Connection | undefined {
  const accessToken = $<HTMLInputElement>('conn-token').value.trim()
  return accessToken ? { accessToken, region: $<HTMLSelectElement>('conn-region').value } : undefined
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const data = (await response.json()) as T & { error?: PlaygroundError }
  if (!response.ok) throw new Error(data.error?.message ?? `${path} answered ${response.status}`)
  return data
}

async function loadOptions(field: SubBlock, force = false): Promise<void> {
  if (!force && loaded.has(field.id)) return
  loaded.set(field.id, { state: 'loading' })
  try {
    const answer = await post<{ success: boolean; options?: DropdownOption[]; error?: PlaygroundError }>('/api/options', { fieldId: field.id, connection: connection() })
    loaded.set(field.id, answer.success ? { state: 'ready', options: answer.options ?? [] } : { state: 'failed', message: `${answer.error?.code}: ${answer.error?.message}` })
  } catch (error) {
    loaded.set(field.id, { state: 'failed', message: (error as Error).message })
  }
  renderPanel(true)
}

/** Whether a JSON editor's text is valid JSON once its references are filled in. */
function jsonProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined
  try {
    JSON.parse(text.replace(/\{\{[^{}]*\}\}/g, 'null'))
    return undefined
  } catch (error) {
    return `Invalid JSON: ${(error as Error).message}`
  }
}

/** The field an error names (a field id or a tool param), among the fields the operation shows. */
function fieldOfError(instance: Instance, name: string | undefined): SubBlock | undefined {
  if (!name) return undefined
  const fields = visibleFields(operationOf(instance), instance.kind)
  const first = name.split('.')[0]
  return fields.find((field) => field.id === name) ?? fields.find((field) => field.param === name) ?? fields.find((field) => field.id === first || field.param === first)
}

/** Earlier blocks' outputs a field can refer to: `{{blockN.name}}` for each output of its operation. */
function referenceChoices(instance: Instance): Array<{ value: string; label: string }> {
  const earlier = instances.slice(0, instances.indexOf(instance))
  return earlier.flatMap((other) =>
    Object.entries(other.kind === 'trigger' ? (block.triggers?.options[operationOf(other)]?.outputs ?? {}) : block.outputs)
      .filter(([, port]) => appliesTo(port.condition, operationOf(other)))
      .map(([name, port]) => ({ value: `{{${other.id}.${name}}}`, label: `${other.id} · ${operationLabel(operationOf(other), other.kind)} → ${name} (${port.type})` })),
  )
}

function setValue(instance: Instance, field: SubBlock, value: unknown): void {
  if (value === '' || value === undefined) delete instance.values[field.id]
  else instance.values[field.id] = value
}

function control(instance: Instance, field: SubBlock, id: string, describedBy: string, invalid: boolean): HTMLElement {
  const value = instance.values[field.id]
  const required = isRequired(field, operationOf(instance))
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid ? 'true' : undefined, 'aria-required': required ? 'true' : undefined }
  const onInput = (event: Event) => setValue(instance, field, (event.target as HTMLInputElement).value)
  switch (field.type) {
    case 'switch': {
      const box = el('input', { ...common, type: 'checkbox', role: 'switch', checked: value === true || value === 'true' })
      box.addEventListener('change', () => {
        setValue(instance, field, box.checked)
        renderPanel(true)
      })
      const state = value === undefined ? 'not set (not sent)' : value === true || value === 'true' ? 'on (true)' : 'off (false)'
      return el(
        'div',
        { class: 'switch-row' },
        box,
        el('span', { text: state }),
        value === undefined ? '' : el('button', { type: 'button', text: 'Unset', 'aria-label': `Unset ${field.title}`, onclick: () => { setValue(instance, field, undefined); renderPanel(true) } }),
      )
    }
    case 'number-input':
      return el('input', { ...common, type: 'number', value: value === undefined ? '' : String(value), placeholder: field.placeholder, oninput: onInput })
    case 'long-input':
      return el('textarea', { ...common, rows: 3, value: value === undefined ? '' : String(value), placeholder: field.placeholder, oninput: onInput })
    case 'code': {
      const area = el('textarea', { ...common, class: 'code', rows: 4, spellcheck: false, value: value === undefined ? '' : String(value), placeholder: field.placeholder })
      area.addEventListener('input', () => {
        setValue(instance, field, area.value)
        const problem = jsonProblem(area.value)
        const error = $(`${id}-json`)
        error.textContent = problem ?? ''
        area.setAttribute('aria-invalid', problem ? 'true' : 'false')
      })
      return area
    }
    case 'dropdown': {
      const choices: DropdownOption[] = field.options ?? (field.optionsLoader ? (loaded.get(field.id) as { options?: DropdownOption[] } | undefined)?.options ?? [] : [])
      const current = value === undefined ? '' : String(value)
      const options = [el('option', { value: '', text: required ? '— choose —' : '— not set —' })]
      const optionOf = (choice: DropdownOption) => el('option', { value: choice.id, text: choice.label === choice.id ? choice.id : `${choice.label} (${choice.id})`, selected: choice.id === current })
      const groups = new Map<string | undefined, DropdownOption[]>()
      for (const choice of choices) groups.set(choice.group, [...(groups.get(choice.group) ?? []), choice])
      // Loaded options may come in groups (e.g. admins, then teams, for an assignee).
      for (const [group, members] of groups) {
        if (group === undefined) options.push(...members.map(optionOf))
        else options.push(el('optgroup', { label: group }, ...members.map(optionOf)) as unknown as HTMLOptionElement)
      }
      if (current !== '' && !choices.some((choice) => choice.id === current)) options.push(el('option', { value: current, text: current, selected: true }))
      const box = el('select', { ...common }, ...options)
      box.addEventListener('change', () => setValue(instance, field, box.value))
      return box
    }
    default:
      return el('input', { ...common, type: 'text', value: value === undefined ? '' : String(value), placeholder: field.placeholder, oninput: onInput })
  }
}

function fieldView(instance: Instance, field: SubBlock, error: string | undefined): HTMLElement {
  const operation = operationOf(instance)
  const id = `f-${instance.id}-${field.id}`
  const required = isRequired(field, operation)
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const jsonId = `${id}-json`
  const description = field.descriptions?.[operation] ?? field.description ?? ''
  const describedBy = [hintId, errorId, field.type === 'code' ? jsonId : ''].filter(Boolean).join(' ')
  const parts: Array<Node | string> = [
    el('label', { for: id }, field.title, required ? el('span', { class: 'req', 'aria-hidden': 'true', text: ' *' }) : '', required ? el('span', { class: 'sr-only', text: ' (required)' }) : ''),
    control(instance, field, id, describedBy, error !== undefined),
    el('p', { id: hintId, class: 'hint', text: description }),
  ]
  if (field.type === 'code') parts.push(el('p', { id: jsonId, class: 'error', text: jsonProblem(String(instance.values[field.id] ?? '')) ?? '' }))
  if (field.optionsLoader) {
    const state = loaded.get(field.id)
    if (!state) void loadOptions(field)
    const text = state?.state === 'loading' || !state ? 'Loading options…' : state.state === 'failed' ? `Could not load options: ${state.message}` : `${state.options.length} options loaded from ${field.optionsLoader.tool}`
    parts.push(el('div', { class: 'hint' }, el('span', { text }), ' ', el('button', { type: 'button', text: 'Reload', 'aria-label': `Reload the options of ${field.title}`, onclick: () => void loadOptions(field, true) })))
  }
  if (field.type === 'short-input' || field.type === 'long-input') {
    const choices = referenceChoices(instance)
    if (choices.length > 0) {
      const picker = el(
        'select',
        { 'aria-label': `Use an earlier block's output for ${field.title}`, class: 'ref-picker' },
        el('option', { value: '', text: 'Use an earlier output…' }),
        ...choices.map((choice) => el('option', { value: choice.value, text: choice.label })),
      )
      picker.addEventListener('change', () => {
        if (!picker.value) return
        setValue(instance, field, picker.value)
        renderPanel(true)
        $<HTMLInputElement>(id)?.focus()
      })
      parts.push(picker)
    }
  }
  parts.push(el('p', { id: errorId, class: 'error', text: error ?? '' }))
  return el('div', { class: 'field', 'data-field': field.id }, ...parts)
}

function jsonTree(value: unknown, key?: string): HTMLElement {
  const keyPart = key === undefined ? [] : [el('span', { class: 'key', text: key }), ': ']
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value)
    const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`
    return el('details', { open: true }, el('summary', {}, ...keyPart, summary), ...entries.map(([name, item]) => jsonTree(item, name)))
  }
  const kind = value === null ? 'null' : typeof value === 'string' ? 'str' : typeof value === 'number' ? 'num' : 'bool'
  return el('div', { class: 'leaf' }, ...keyPart, el('span', { class: kind, text: JSON.stringify(value) }))
}

function outcomeView(instance: Instance): HTMLElement {
  const outcome = instance.outcome
  if (!outcome) return el('div', { class: 'output', id: 'output' }, el('h3', { text: 'Output' }), el('p', { class: 'hint', text: 'Run the workflow to see this block’s output.' }))
  if (outcome.status === 'success') {
    return el('div', { class: 'output', id: 'output' }, el('h3', { text: 'Output' }), el('div', { class: 'tree', 'aria-label': 'Output as a tree' }, jsonTree(outcome.output)))
  }
  if (outcome.status === 'skipped') return el('div', { class: 'output', id: 'output' }, el('h3', { text: 'Output' }), el('p', { text: `Skipped: ${outcome.reason}` }))
  const { error } = outcome
  return el(
    'div',
    { class: 'output', id: 'output' },
    el('h3', { text: 'Error' }),
    el(
      'div',
      { class: 'error-box', role: 'alert' },
      el('div', {}, el('strong', { text: 'code: ' }), el('code', { class: 'error-code', text: error.code })),
      error.field ? el('div', {}, el('strong', { text: 'field: ' }), el('code', { class: 'error-field', text: error.field })) : '',
      el('div', { class: 'error-message', text: error.message }),
    ),
  )
}

function renderPanel(keepFocus = false): void {
  const panel = $('panel')
  const instance = instances.find((candidate) => candidate.id === selected)
  if (!instance) {
    panel.replaceChildren(el('p', { class: 'hint', text: 'Add a block and select it to configure it.' }))
    return
  }
  const focusedId = keepFocus ? document.activeElement?.id : undefined
  const operation = operationOf(instance)
  const operationField = selectorField(instance.kind)
  const groups = new Map<string, DropdownOption[]>()
  for (const option of operationField.options ?? []) groups.set(option.group ?? 'Other', [...(groups.get(option.group ?? 'Other') ?? []), option])
  const operationId = `f-${instance.id}-${selectorKey(instance.kind)}`
  const grouped = (operationField.options ?? []).some((option) => option.group !== undefined)
  const picker = el(
    'select',
    { id: operationId, 'aria-describedby': `${operationId}-hint`, 'aria-required': 'true' },
    ...(grouped
      ? [...groups].map(([group, options]) => el('optgroup', { label: group }, ...options.map((option) => el('option', { value: option.id, text: option.label, selected: option.id === operation }))))
      : (operationField.options ?? []).map((option) => el('option', { value: option.id, text: option.label, selected: option.id === operation }))),
  )
  const heading = el('h3', {})
  const fields = el('div', { class: 'fields' })
  const output = el('div', {})
  // The operation dropdown stays in place when its value changes (so that type-ahead and a screen
  // reader's position survive); only the fields and output below it are drawn again.
  const drawBody = () => {
    const current = operationOf(instance)
    const error = instance.outcome?.status === 'error' ? instance.outcome.error : undefined
    const errorField = fieldOfError(instance, error?.field)
    heading.textContent = `${label(instance)}: ${operationLabel(current, instance.kind)}`
    fields.replaceChildren(...visibleFields(current, instance.kind).map((field) => fieldView(instance, field, field === errorField ? error?.message : undefined)))
    output.replaceChildren(outcomeView(instance))
  }
  picker.addEventListener('change', () => {
    instance.values[selectorKey(instance.kind)] = picker.value
    instance.outcome = undefined
    applyDefaults(instance)
    renderCanvas()
    drawBody()
    announce(`${operationLabel(picker.value, instance.kind)}: ${visibleFields(picker.value, instance.kind).length} fields.`)
  })
  const form = el(
    'form',
    { 'aria-label': `Settings of ${instance.id}`, novalidate: true, onsubmit: (event: Event) => { event.preventDefault(); void run() } },
    heading,
    el(
      'div',
      { class: 'field' },
      el('label', { for: operationId }, operationField.title, el('span', { class: 'req', 'aria-hidden': 'true', text: ' *' })),
      picker,
      el('p', { id: `${operationId}-hint`, class: 'hint', text: operationField.description ?? '' }),
    ),
    fields,
  )
  drawBody()
  panel.replaceChildren(form, output)
  if (focusedId) document.getElementById(focusedId)?.focus()
}

async function run(): Promise<void> {
  if (instances.length === 0) {
    announce('Add a block to the workflow first.')
    return
  }
  const button = $<HTMLButtonElement>('run')
  button.disabled = true
  $('conn-status').textContent = 'Running…'
  try {
    const answer = await post<RunResponse>('/api/run', {
      blocks: instances.map((instance) => ({
        id: instance.id,
        kind: instance.kind,
        values: Object.fromEntries(
          Object.entries(instance.values).filter(
            ([name]) => name === selectorKey(instance.kind) || visibleFields(operationOf(instance), instance.kind).some((field) => field.id === name),
          ),
        ),
      })),
      connection: connection(),
    })
    for (const outcome of answer.results) {
      const instance = instances.find((candidate) => candidate.id === outcome.id)
      if (instance) instance.outcome = outcome
    }
    const failed = answer.results.find((outcome) => outcome.status === 'error')
    if (failed && failed.status === 'error') selected = failed.id
    renderCanvas()
    renderPanel()
    if (failed && failed.status === 'error') {
      const instance = instances.find((candidate) => candidate.id === failed.id) as Instance
      const field = fieldOfError(instance, failed.error.field)
      if (field) document.getElementById(`f-${instance.id}-${field.id}`)?.focus()
      announce(`${failed.id} failed: ${failed.error.message}`)
      $('conn-status').textContent = `${failed.id} failed (${failed.error.code}).`
    } else {
      announce(`Workflow ran: ${answer.results.length} blocks succeeded.`)
      $('conn-status').textContent = `Ran ${answer.results.length} blocks ${connection() ? 'on Intercom' : 'on the embedded sandbox'}.`
    }
  } catch (error) {
    announce(`The run failed: ${(error as Error).message}`)
    $('conn-status').textContent = (error as Error).message
  } finally {
    button.disabled = false
  }
}

async function start(): Promise<void> {
  const response = await fetch('/api/block')
  block = (await response.json()) as BlockData
  renderPalette()
  setUpCanvas()
  $('run').addEventListener('click', () => void run())
  $('conn-token').addEventListener('change', () => {
    loaded.clear()
    renderPanel()
  })
  $('conn-status').textContent = 'No token: blocks run on the embedded sandbox.'
  document.body.dataset.ready = 'true'
}

void start()
