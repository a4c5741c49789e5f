<#--
  Confirmation after the reset step (guide, images 1.4 / 1.5). New template; the same page is
  shown whatever was entered, so it never tells whether a CURP or an email is registered.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false showUsername=false showTryAnotherWay=false; section>
    <#if section = "header">
        ${msg("icsoeResetTitle")}
    <#elseif section = "form">
        <div id="icsoe-reset-sent" class="icsoe-notice" role="status">
            <p class="icsoe-notice__text">${msg("icsoeResetSentMessage")}</p>
            <p class="icsoe-hint">${msg("icsoeResetSentHint")}</p>
        </div>
        <div class="icsoe-actions">
            <a id="kc-accept" class="icsoe-btn icsoe-btn--primary" href="${url.loginRestartFlowUrl}">${msg("icsoeAccept")}</a>
        </div>
    </#if>
</@layout.registrationLayout>
