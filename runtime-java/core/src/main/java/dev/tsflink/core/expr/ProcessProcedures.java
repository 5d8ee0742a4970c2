package dev.tsflink.core.expr;

import org.apache.flink.types.Row;

/** What a process node's generated code implements: its onElement and onTimer procedures. */
public interface ProcessProcedures {

    void onElement(Row input, ProcedureContext ctx);

    void onTimer(long time, ProcedureContext ctx);
}
