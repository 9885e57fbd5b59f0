/// The Python script the end-to-end test runs: the official MCP client drives
/// `airlock mcp` over stdio and prints one JSON line per step.
enum MCPClientScript {
    static let text = #"""
    import asyncio, json, sys
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
    from mcp.types import Implementation

    airlock, workspace, patch_file = sys.argv[1:4]

    def out(step, **fields):
        print(json.dumps({"step": step, **fields}), flush=True)

    def reply(result):
        text = "\n".join(c.text for c in result.content if c.type == "text")
        return {"isError": bool(result.isError), "text": text, "structured": result.structuredContent}

    async def main():
        server = StdioServerParameters(command=airlock, args=["mcp", "--workspace", workspace])
        async with stdio_client(server) as (read, write):
            async with ClientSession(read, write, client_info=Implementation(name="e2e client", version="1.0")) as session:
                init = await session.initialize()
                out("initialize", server=init.serverInfo.name)
                tools = await session.list_tools()
                out("tools", tools=[{"name": t.name, "schema": t.inputSchema, "readOnly": t.annotations.readOnlyHint if t.annotations else None} for t in tools.tools])

                proposed = await session.call_tool("propose_patch", {"patch": open(patch_file).read(), "title": "Shout two"})
                out("propose_patch", **reply(proposed))
                first = proposed.structuredContent["id"]
                out("wait_rejected", **reply(await session.call_tool("wait_for_decision", {"id": first, "timeout_s": 45})))
                out("status_rejected", **reply(await session.call_tool("proposal_status", {"id": first})))

                edited = await session.call_tool("propose_edit", {"path": "a.txt", "old_text": "three", "new_text": "3", "title": "Number three"})
                out("propose_edit", **reply(edited))
                second = edited.structuredContent["id"]
                out("wait_applied", **reply(await session.call_tool("wait_for_decision", {"id": second, "timeout_s": 45})))

                out("propose_write", **reply(await session.call_tool("propose_write", {"path": "notes/new.txt", "content": "hello\n"})))

                bad = [
                    ("propose_patch", {}),
                    ("proposal_status", {"id": -1}),
                    ("propose_edit", {"path": "", "old_text": "a", "new_text": "b"}),
                    ("wait_for_decision", {"id": first, "timeout_s": 999}),
                    ("propose_write", {"path": "x.txt", "content": "x", "approve": True}),
                    ("withdraw", {"id": "one"}),
                    ("approve", {"id": first}),
                ]
                for name, arguments in bad:
                    out("bad", tool=name, **reply(await session.call_tool(name, arguments)))
                out("list", **reply(await session.call_tool("list_proposals", {})))
                out("report", **reply(await session.call_tool("report_status", {"state": "idle", "activity": "all done", "plan": "[x] shout\n[x] number"})))

    asyncio.run(main())
    """#
}
